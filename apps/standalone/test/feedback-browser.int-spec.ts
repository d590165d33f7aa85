import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { type Browser, type Page } from 'playwright-core';
import { type CreatedProject, type FeedbackRequest } from '@bindery/contracts';
import { QUEUES } from '@bindery/queue';
import {
  basic,
  bearer,
  launchChromium,
  postJson,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { signUserId } from '@bindery/voice';
import { type SdkSite, startSdkSite } from './sdk-site';
import { StandaloneModule } from '../src/app.module';

/** A SaaS app's page with the core SDK and the surveys module, whose feedback widget opens on load. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A SaaS app</title></head><body>
<script src="/bindery.min.js"></script>
<script src="/bindery-surveys.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.client = Bindery.init({ writeKey: q.get('writeKey'), host: q.get('host') });
  client.identify(q.get('userId'));
  window.closed = BinderySurveys.showFeedback({ client, userId: q.get('userId'), signature: q.get('signature') });
</script>
</body></html>`;

describe('feedback widget and public board in headless Chromium', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let site: SdkSite;
  let browser: Browser;
  let project: CreatedProject;
  let secret: string;
  const TITLE = 'Export to <CSV> & "Excel"';

  beforeAll(async () => {
    site = await startSdkSite(PAGE);
    smtp = await startTestSmtp();
    [t, browser] = await Promise.all([
      startTestApp((config) => StandaloneModule.forRoot(config), {
        SMTP_URL: smtp.url,
        RULES_INTERVAL_SECONDS: '0',
        PUBLIC_URL: 'https://bindery.example.com',
      }),
      launchChromium(),
    ]);
    project = await t.createProject('Widgets Inc');
    const auth = { authorization: bearer(project.secretKey) };
    secret = (await postJson(`${t.url}/v1/projects/${project.id}/surveys/secret`, {}, auth)).body.secret;
    const seeded = await postJson(
      `${t.url}/v1/batch`,
      {
        batch: ['ann', 'bob'].flatMap((userId) => [
          { type: 'identify', userId, traits: { email: `${userId}@customer.example` } },
          { type: 'group', userId, groupId: 'acct-1', traits: { mrr: 500 } },
          { type: 'track', userId, event: 'Dashboard Viewed', context: { groupId: 'acct-1' } },
        ]),
      },
      { authorization: basic(project.writeKey) },
    );
    expect(seeded.body.accepted).toBe(6);
    const board = await fetch(`${t.url}/v1/projects/${project.id}/feedback/board`, {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'widgets' }),
    });
    expect(board.status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
    await site?.close();
  });

  async function open(userId: string): Promise<Page> {
    const page = await browser.newPage();
    const q = new URLSearchParams({
      writeKey: project.writeKey,
      host: t.url,
      userId,
      signature: signUserId(secret, userId),
    });
    await page.goto(`${site.url}/app?${q}`);
    await page.getByRole('dialog', { name: 'Feedback' }).waitFor();
    return page;
  }
  const inbox = async () => {
    const res = await fetch(`${t.url}/v1/projects/${project.id}/feedback/requests`, {
      headers: { authorization: bearer(project.secretKey) },
    });
    return ((await res.json()) as { requests: FeedbackRequest[] }).requests;
  };

  it('sends a request and votes from the widget, once per person; the board shows the team’s status; shipping emails each voter once', async () => {
    const ann = await open('ann');
    const widget = ann.getByRole('dialog', { name: 'Feedback' });
    await widget.getByLabel('Ask for something').fill(TITLE);
    await widget.getByLabel('Details (optional)').fill('Monthly, please');
    await widget.getByRole('button', { name: 'Send request' }).click();
    await widget.getByRole('status').filter({ hasText: 'your request was sent' }).waitFor();
    await widget.getByRole('button', { name: `Vote for ${TITLE} (1 vote)` }).waitFor();
    const [request] = await inbox();
    expect(request).toMatchObject({
      title: TITLE,
      body: 'Monthly, please',
      authorUserId: 'ann',
      votes: 1,
      mrr: 500,
    });
    await ann.keyboard.press('Escape');
    await ann.evaluate(() => (globalThis as unknown as { closed: Promise<void> }).closed);
    expect(await widget.count()).toBe(0);
    await ann.close();

    const bob = await open('bob');
    const bobs = bob.getByRole('dialog', { name: 'Feedback' });
    await bobs.getByRole('button', { name: `Vote for ${TITLE} (1 vote)` }).click();
    await bobs.getByRole('status').filter({ hasText: 'Thanks for your vote.' }).waitFor();
    const voted = bobs.getByRole('button', { name: `Vote for ${TITLE} (2 votes)` });
    expect(await voted.getAttribute('aria-pressed')).toBe('true');
    await voted.click();
    await bobs.getByRole('status').filter({ hasText: 'has already voted' }).waitFor();
    expect((await inbox())[0]?.votes).toBe(2);
    await bob.close();

    const set = await fetch(`${t.url}/v1/projects/${project.id}/feedback/requests/${request?.id}`, {
      method: 'PATCH',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in_progress', publicNote: 'Being built <now>' }),
    });
    expect(set.status).toBe(200);
    const board = await browser.newPage();
    await board.goto(`${t.url}/board/widgets`);
    expect(await board.title()).toBe('Widgets Inc: feedback');
    const item = board.getByRole('listitem');
    expect(await item.getByRole('heading').textContent()).toBe(`${TITLE}In progress`);
    expect(await item.textContent()).toContain('Being built <now>');
    expect(await item.textContent()).toContain('2votes');
    const html = await board.content();
    expect(html).not.toMatch(/\bann\b|\bbob\b|customer\.example|acct-1/);
    await board.screenshot({ path: join(tmpdir(), 'feedback-board.png') });
    await board.close();

    const ship = () =>
      fetch(`${t.url}/v1/projects/${project.id}/feedback/requests/${request?.id}`, {
        method: 'PATCH',
        headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'shipped' }),
      });
    expect((await ship()).status).toBe(200);
    expect((await ship()).status).toBe(200);
    await until(
      'both voters’ emails',
      async () => smtp.received.length,
      (n) => n >= 2,
    );
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.emails));
    await until(
      'the emails queue to drain',
      async () =>
        Object.values(await queue.getJobCounts('waiting', 'active', 'delayed')).every((n) => n === 0),
      (idle) => idle,
    );
    expect(smtp.received.map((m) => m.subject)).toEqual([
      `You asked, we built it: ${TITLE}`,
      `You asked, we built it: ${TITLE}`,
    ]);
    expect(smtp.to('ann@customer.example')).toHaveLength(1);
    expect(smtp.to('bob@customer.example')).toHaveLength(1);
  });
});
