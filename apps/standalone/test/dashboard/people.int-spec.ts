import type { EventListPage, PersonDetail } from '@bindery/contracts';
import { until } from '@bindery/testing';
import { type DashboardE2E, startDashboardE2E } from './harness';

const ONBOARDING = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'];

/** From a funnel's drop-off list to a person's page and their timeline, in Chromium against the standalone app. */
describe('dashboard: a person’s page', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('people', { accounts: 12 });
  }, 180_000);
  afterAll(() => e2e?.close());

  it('opens a person who stopped in a funnel, with their profile and their events page by page', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Funnels', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Funnels' }).waitFor();
    for (const [i, event] of ONBOARDING.entries()) {
      if (i >= 2) await page.getByRole('button', { name: '+ Add step' }).click();
      await page.getByRole('combobox', { name: `Step ${i + 1}`, exact: true }).fill(event);
      await page.getByRole('option', { name: new RegExp(`^${event}`) }).click();
    }
    await page.getByRole('button', { name: 'Run funnel' }).click();
    await page.getByRole('table', { name: 'Funnel steps' }).waitFor();
    await page.getByRole('button', { name: /^Who stopped at step 2/ }).click();
    const dropoffs = page.getByRole('table', { name: 'people who stopped at step 2' });
    const first = dropoffs.getByRole('rowheader').first().getByRole('link');
    const personId = (await first.textContent()) ?? '';
    expect(personId).not.toBe('');

    await first.click();
    await page.waitForURL(`**/people/${encodeURIComponent(personId)}`);
    const person = await e2e.api<PersonDetail>(`people/${encodeURIComponent(personId)}`);
    const name = typeof person.traits.name === 'string' ? person.traits.name : personId;
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.getByText(personId, { exact: true }).first().waitFor();
    const timeline = page.getByRole('table', { name: 'Newest events' });
    await timeline.waitFor();
    await e2e.shot(page, 'person');

    const events = await e2e.api<EventListPage>(`people/${encodeURIComponent(personId)}/events?limit=25`);
    const shown = await timeline.locator('tbody > tr > td:nth-child(3)').allTextContents();
    expect(shown).toEqual(events.events.map((e) => e.event));
    if (events.nextCursor) {
      await page.getByRole('button', { name: 'Load more' }).click();
      await until(
        'the second page of the timeline',
        () => timeline.locator('tbody > tr').count(),
        (n) => n > shown.length,
      );
    }
    await e2e.shot(page, 'timeline');

    await page.getByRole('link', { name: 'Events', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Events' }).waitFor();
    // An event's account links to the account's page.
    const newest = await e2e.api<EventListPage>('events?limit=50');
    const accountId = newest.events.find((e) => e.accountId)?.accountId;
    expect(accountId).toEqual(expect.any(String));
    const accountLink = page.getByRole('table').getByRole('link', { name: accountId!, exact: true }).first();
    expect(await accountLink.getAttribute('href')).toBe(`/accounts/${encodeURIComponent(accountId!)}`);
  }, 120_000);

  it('says so for a person nothing is stored about', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.app.url}/people/nobody-at-all`);
    await page.getByRole('heading', { level: 1, name: 'Person not found' }).waitFor();
  }, 120_000);
});
