import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import type { AccountList, FunnelQuery, FunnelResult, SavedFunnel } from '@bindery/contracts';
import { csvObjects } from '@bindery/testing';
import { type DashboardE2E, startDashboardE2E } from './harness';

const ONBOARDING = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'];

/** Every page's state in its URL: a reload keeps it, and a link opened before signing in leads to it after. */
describe('dashboard: state in the URL and deep links', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('deep-links');
  }, 180_000);
  afterAll(() => e2e?.close());

  const counts = async (page: Page) => {
    const table = page.getByRole('table', { name: 'Funnel steps' });
    await table.waitFor();
    return table
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((r) => r.querySelectorAll('td')[0]?.textContent ?? ''));
  };

  it('keeps an opened saved funnel, its range and its drop-off list through a reload', async () => {
    const saved = await e2e.api<SavedFunnel>('funnels', {
      method: 'POST',
      status: 201,
      body: {
        name: 'Deep-link onboarding',
        steps: ONBOARDING.map((event) => ({ event })),
        windowSeconds: 7 * 86_400,
        order: 'ordered',
        aggregateBy: 'user',
      },
    });
    const page = await e2e.newPage();
    await e2e.signIn(page);
    // The answers to the list's requests, for the failure below.
    const answers: string[] = [];
    const started = Date.now();
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('/funnels')) {
        answers.push(`${r.request().method()} ${r.status()} after ${Date.now() - started} ms`);
      }
    });
    await page.getByRole('link', { name: 'Funnels', exact: true }).click();
    await page.getByLabel('Range').selectOption('60');
    // The suite's first page: in CI, beside another suite, its list has taken more than an action's 20 s
    // (twice in some twenty runs; in about 15 s alone the whole test passes), and once more than 60 s: should
    // it again, the failure says what the list showed and what its requests were answered.
    const openSaved = page.getByRole('button', { name: `Open ${saved.name}` });
    await openSaved.waitFor({ timeout: 60_000 }).catch(async (error: Error) => {
      const list = await page.getByRole('region', { name: 'Saved funnels' }).innerText({ timeout: 1_000 });
      throw new Error(
        `${error.message}\nThe saved funnels read: ${list}\nAnswers: ${answers.join('; ') || 'none'}`,
      );
    });
    await openSaved.click();
    const before = await counts(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('saved')).toBe(saved.id);
    expect(url.searchParams.get('days')).toBe('60');
    expect(JSON.parse(url.searchParams.get('f')!)).toMatchObject({ s: ONBOARDING.map((e) => ({ e })) });

    await page.getByRole('button', { name: /^Who stopped at step 2/ }).click();
    await page.getByRole('table', { name: 'people who stopped at step 2' }).waitFor();
    expect(new URL(page.url()).searchParams.get('step')).toBe('2');

    const request = page.waitForRequest((r) => r.url().endsWith('/funnels/query') && r.method() === 'POST');
    await page.reload();
    const body = (await request).postDataJSON() as FunnelQuery;
    expect(await counts(page)).toEqual(before);
    await page.getByRole('table', { name: 'people who stopped at step 2' }).waitFor();
    expect(await page.getByLabel('Range').inputValue()).toBe('60');
    expect(await page.getByRole('combobox', { name: 'Step 3', exact: true }).inputValue()).toBe(
      'Invite Sent',
    );
    expect(await page.locator('[aria-current="true"]').textContent()).toContain(saved.name);
    await e2e.shot(page, 'funnel-reloaded');

    expect(body).toMatchObject({ steps: ONBOARDING.map((event) => ({ event })), aggregateBy: 'user' });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBeGreaterThan(59 * 86_400_000);
    const result = await e2e.api<FunnelResult>('funnels/query', { method: 'POST', body });
    expect(before.map((c) => Number(c.replace(/,/g, '')))).toEqual(result.steps.map((s) => s.count));
  }, 120_000);

  it('leads a link opened before signing in to its page, with its state', async () => {
    const page = await e2e.newPage();
    await page.goto(`${e2e.app.url}/features?by=account&abandon=30&days=60`);
    await e2e.fillSignIn(page);
    await page.getByRole('heading', { level: 1, name: 'Features' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/features');
    expect(await page.getByLabel(/^Count/).inputValue()).toBe('account');
    expect(await page.getByLabel('Abandoned after').inputValue()).toBe('30');
    expect(await page.getByLabel('Range').inputValue()).toBe('60');
  });

  it('keeps the filters and sort of accounts, retention, events and emails through a reload', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);

    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    await page.getByRole('button', { name: 'Health' }).click();
    await page.getByRole('button', { name: 'Health' }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('health');
    await page.reload();
    await page.getByRole('columnheader', { name: /Health/ }).waitFor();
    expect(await page.getByRole('columnheader', { name: /Health/ }).getAttribute('aria-sort')).toBe(
      'ascending',
    );

    await page.goto(
      `${e2e.app.url}/retention?start=Signed+Up&return=Report+Shared&period=day&periods=5&by=user&days=30`,
    );
    await page.getByRole('heading', { name: '“Signed Up”, then “Report Shared”' }).waitFor();
    expect(await page.getByLabel('Days to follow').inputValue()).toBe('5');

    await page.goto(`${e2e.app.url}/events?event=Invite+Sent&live=off`);
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Event' }).inputValue()).toBe('Invite Sent');
    await page.getByRole('cell', { name: 'Invite Sent' }).first().waitFor();
    expect(await page.getByRole('cell', { name: 'Signed Up' }).count()).toBe(0);

    await page.goto(`${e2e.app.url}/emails?status=sent`);
    await page.getByRole('heading', { level: 1, name: 'Emails' }).waitFor();
    expect(await page.getByLabel('Status').inputValue()).toBe('sent');
    await e2e.shot(page, 'emails-linked');
  });

  it('downloads a funnel and the accounts as CSV, with the numbers of the API', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    const query = {
      steps: ONBOARDING.map((event) => ({ event })),
      windowSeconds: 7 * 86_400,
      order: 'ordered',
      aggregateBy: 'user',
    };
    const f = JSON.stringify({ s: ONBOARDING.map((e) => ({ e })), o: 'ordered', w: 7 * 86_400, a: 'user' });
    const request = page.waitForRequest((r) => r.url().endsWith('/funnels/query') && r.method() === 'POST');
    await page.goto(`${e2e.app.url}/funnels?${new URLSearchParams({ f })}`);
    const body = (await request).postDataJSON() as FunnelQuery;
    expect(body).toMatchObject(query);
    await page.getByRole('table', { name: 'Funnel steps' }).waitFor();
    const downloaded = async (name: string) => {
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name }).click();
      return readFileSync(await (await download).path(), 'utf8');
    };
    const funnel = csvObjects(await downloaded('Download CSV'));
    const result = await e2e.api<FunnelResult>('funnels/query', { method: 'POST', body });
    expect(funnel.map((r) => [r.event, Number(r.count), Number(r.drop_off)])).toEqual(
      result.steps.map((s) => [s.event, s.count, s.dropOff]),
    );

    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    const accounts = csvObjects(await downloaded('Download all as CSV'));
    const listed = await e2e.api<AccountList>('accounts?limit=500');
    expect(accounts.map((r) => [r.id, Number(r.users)])).toEqual(listed.accounts.map((a) => [a.id, a.users]));
    expect(accounts.length).toBeGreaterThan(10);
  });
});
