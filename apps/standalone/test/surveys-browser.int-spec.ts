import { type ClickHouseClient } from '@clickhouse/client';
import { type Browser, type Page } from 'playwright-core';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type CreatedProject } from '@bindery/contracts';
import { basic, bearer, launchChromium, postJson, startTestApp, type TestApp } from '@bindery/testing';
import { signUserId } from '@bindery/voice';
import { type SdkSite, startSdkSite } from './sdk-site';
import { VoiceTestModule } from './voice-test.module';

const QUESTION = 'How likely are you to recommend <Acme> to a friend?';

/** A SaaS app's page: the core SDK and the surveys module, Bindery on another origin. */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A SaaS app</title></head><body>
<button id="app-button">An app control</button>
<script src="/bindery.min.js"></script>
<script src="/bindery-surveys.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.client = Bindery.init({ writeKey: q.get('writeKey'), host: q.get('host') });
  client.identify(q.get('userId'));
  window.outcome = BinderySurveys.showSurvey({ client, userId: q.get('userId'), signature: q.get('signature') });
</script>
</body></html>`;

describe('in-app NPS survey in headless Chromium', () => {
  let t: TestApp;
  let site: SdkSite;
  let browser: Browser;
  let project: CreatedProject;
  let secret: string;
  let surveyId: string;

  beforeAll(async () => {
    site = await startSdkSite(PAGE);
    [t, browser] = await Promise.all([
      startTestApp((config) => VoiceTestModule.forRoot(config)),
      launchChromium(),
    ]);
    project = await t.createProject('nps-in-browser');
    const auth = { authorization: bearer(project.secretKey) };
    secret = (await postJson(`${t.url}/v1/projects/${project.id}/surveys/secret`, {}, auth)).body.secret;
    const survey = await postJson(
      `${t.url}/v1/projects/${project.id}/surveys`,
      { name: 'NPS', kind: 'nps', question: QUESTION, targeting: { accountTraits: { plan: 'pro' } } },
      auth,
    );
    surveyId = survey.body.id;
    const seeded = await postJson(
      `${t.url}/v1/batch`,
      {
        batch: [
          { type: 'group', userId: 'ann', groupId: 'acct-pro', traits: { plan: 'pro' } },
          { type: 'group', userId: 'bob', groupId: 'acct-pro', traits: { plan: 'pro' } },
          { type: 'group', userId: 'cat', groupId: 'acct-free', traits: { plan: 'free' } },
          ...['ann', 'bob', 'cat'].map((userId) => ({
            type: 'track',
            userId,
            event: 'Dashboard Viewed',
            context: { groupId: userId === 'cat' ? 'acct-free' : 'acct-pro' },
          })),
        ],
      },
      { authorization: basic(project.writeKey) },
    );
    expect(seeded.body.accepted).toBe(6);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
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
    return page;
  }
  const outcome = (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { outcome: Promise<string> }).outcome);

  async function surveyEvents(userId: string) {
    const result = await t.app.get<symbol, ClickHouseClient>(CLICKHOUSE).query({
      query: `SELECT event, properties FROM events FINAL
        WHERE project_id = {p:UUID} AND user_id = {u:String} AND startsWith(event, 'survey ')
        ORDER BY timestamp`,
      query_params: { p: project.id, u: userId },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ event: string; properties: string }>();
    return rows.map((r) => ({ event: r.event, ...(JSON.parse(r.properties) as object) }));
  }

  it('shows the targeted person the survey once, records the answer, and not again within the interval', async () => {
    const page = await open('ann');
    const dialog = page.getByRole('dialog', { name: QUESTION });
    await dialog.waitFor();
    const radios = dialog.getByRole('radio');
    expect(await radios.count()).toBe(11);
    type Focus = {
      document: { activeElement: { getAttribute(name: string): string | null; textContent: string } };
    };
    const focused = await page.evaluate(() => {
      const active = (globalThis as unknown as Focus).document.activeElement;
      return `${active.getAttribute('role')} ${active.textContent}`;
    });
    expect(focused).toBe('radio 0');
    await dialog.getByRole('radio', { name: '9' }).click();
    expect(await dialog.getByRole('radio', { name: '9' }).getAttribute('aria-checked')).toBe('true');
    await dialog.getByLabel('Tell us more (optional)').fill('Fast <b>exports</b> & "reports"');
    await dialog.getByRole('button', { name: 'Send' }).click();
    expect(await outcome(page)).toBe('answered');
    expect(await dialog.count()).toBe(0);
    expect(await surveyEvents('ann')).toEqual([
      { event: 'survey shown', surveyId, kind: 'nps' },
      {
        event: 'survey answered',
        surveyId,
        kind: 'nps',
        score: 9,
        comment: 'Fast <b>exports</b> & "reports"',
      },
    ]);

    await page.reload();
    expect(await outcome(page)).toBe('none');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('lets a person dismiss it with Escape, and never shows it to one it does not target', async () => {
    const page = await open('bob');
    await page.getByRole('dialog', { name: QUESTION }).waitFor();
    await page.keyboard.press('Escape');
    expect(await outcome(page)).toBe('dismissed');
    expect((await surveyEvents('bob')).map((e) => e.event)).toEqual(['survey shown', 'survey dismissed']);
    await page.close();

    const other = await open('cat');
    expect(await outcome(other)).toBe('none');
    expect(await other.getByRole('dialog').count()).toBe(0);
    expect(await surveyEvents('cat')).toEqual([]);
    await other.close();
  });
});
