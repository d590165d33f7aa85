import type { Page } from 'playwright-core';
import type { DropoffPage, FunnelQuery, FunnelResult, SavedFunnelList } from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

const ONBOARDING = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'];
const SAVED_NAME = 'Onboarding (e2e)';

/** The analytics pages in Chromium against the standalone app: a funnel built, run, drilled into, saved. */
describe('dashboard: funnels, retention and features', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('funnels');
  }, 180_000);
  afterAll(() => e2e?.close());

  async function openPage(page: Page, width: number, name: string) {
    if (width < 900) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  async function cellsOf(page: Page, name: string): Promise<string[][]> {
    const table = page.getByRole('table', { name });
    await table.waitFor();
    return table
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
      );
  }

  it('builds the onboarding funnel with autocomplete, runs it, lists a drop-off and saves it', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 1280, 'Funnels');

    for (const [i, event] of ONBOARDING.entries()) {
      if (i >= 2) await page.getByRole('button', { name: '+ Add step' }).click();
      await page
        .getByRole('combobox', { name: `Step ${i + 1}`, exact: true })
        .fill(event.slice(0, 4).toLowerCase());
      const option = page.getByRole('option', { name: new RegExp(`^${event}`) });
      await option.waitFor();
      if (i === 0) await e2e.shot(page, 'autocomplete');
      await option.click();
    }
    await e2e.shot(page, 'built');

    const request = page.waitForRequest((r) => r.url().endsWith('/funnels/query') && r.method() === 'POST');
    await page.getByRole('button', { name: 'Run funnel' }).click();
    const body = (await request).postDataJSON() as FunnelQuery;
    expect(body.steps).toEqual(ONBOARDING.map((event) => ({ event })));
    const table = await cellsOf(page, 'Funnel steps');
    await e2e.shot(page, 'result');

    const expected = await e2e.api<FunnelResult>('funnels/query', { method: 'POST', body });
    expect(expected.steps[0]!.count).toBeGreaterThan(0);
    expect(table.map((row) => row[0])).toEqual(ONBOARDING.map((event, i) => `${i + 1}. ${event}`));
    expect(table.map((row) => Number(row[1]!.replace(/,/g, '')))).toEqual(expected.steps.map((s) => s.count));

    const step2 = expected.steps[1]!;
    expect(step2.dropOff).toBeGreaterThan(0);
    await page
      .getByRole('button', { name: `Who stopped at step 2: ${step2.dropOff.toLocaleString('en')} people` })
      .click();
    const dropoffs = page.getByRole('table', { name: 'people who stopped at step 2' });
    await dropoffs.waitFor();
    const people = await dropoffs.getByRole('rowheader').allTextContents();
    const firstPage = await e2e.api<DropoffPage>(
      `funnels/dropoffs?${new URLSearchParams({ query: JSON.stringify(body), step: '2', limit: '25' })}`,
    );
    expect(people.length).toBeGreaterThan(0);
    expect(people).toEqual(firstPage.subjects.map((s) => s.id));
    await page.getByRole('heading', { name: 'Stopped at step 2: Project Created' }).scrollIntoViewIfNeeded();
    await e2e.shot(page, 'dropoffs');
    if (firstPage.nextCursor) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await page.getByText(`Showing ${Math.min(50, step2.dropOff)} of`).waitFor();
    }

    await page.getByRole('textbox', { name: 'Funnel name' }).fill(SAVED_NAME);
    await page.getByRole('button', { name: 'Save funnel' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved “${SAVED_NAME}”.` })
      .waitFor();
    await page.getByRole('button', { name: `Open ${SAVED_NAME}` }).waitFor();
    await e2e.shot(page, 'saved');
    const saved = await e2e.api<SavedFunnelList>('funnels');
    expect(saved.funnels.find((f) => f.name === SAVED_NAME)?.steps).toEqual(
      ONBOARDING.map((event) => ({ event })),
    );
  });

  it('opens the saved funnel on a phone', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await openPage(page, 390, 'Funnels');
    await page.getByRole('button', { name: `Open ${SAVED_NAME}` }).click();
    await page.getByRole('table', { name: 'Funnel steps' }).waitFor();
    const steps = await page.getByRole('combobox', { name: /^Step \d+$/ }).all();
    expect(await Promise.all(steps.map((input) => input.inputValue()))).toEqual(ONBOARDING);
    await e2e.shot(page, 'phone');
  });

  it('shows the retention grid and the feature adoption table', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 1280, 'Retention');
    await page.getByRole('rowheader', { name: 'All cohorts' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Cohort by first' }).inputValue()).toBe('Signed Up');
    await e2e.shot(page, 'retention');

    await openPage(page, 1280, 'Features');
    const rows = page.getByRole('table', { name: 'Feature adoption' }).getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBeGreaterThan(2);
    await e2e.shot(page, 'features');
  });
});
