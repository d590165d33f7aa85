import type { Page } from 'playwright-core';
import type { OutboxList, TaskDetail, TaskList } from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

const CSM = 'e2e.csm@vendor.example';

/** The CSM's pages in Chromium against the standalone app: the task inbox, the outbox, the event explorer. */
describe('dashboard: tasks, emails and events', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('tasks');
  }, 180_000);
  afterAll(() => e2e?.close());

  /** The first task of the "All" view with its default filters, as the API orders them. */
  async function firstOpenTask() {
    const { tasks } = await e2e.api<TaskList>('tasks?limit=1');
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  }

  async function openPage(page: Page, name: string, phone = false) {
    if (phone) await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('snoozes and reassigns tasks, each change in the task’s timeline, and shows my tasks', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Tasks');
    await page.getByRole('button', { name: 'All', exact: true }).click();
    const first = await firstOpenTask();
    const cards = page.getByRole('article');
    await cards.first().waitFor();
    expect(await cards.first().getByRole('heading').textContent()).toBe(first.title);
    await e2e.shot(page, 'inbox');

    // Snooze the first task until three days from now (a UTC day, as the page says).
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const card = page.getByRole('article', { name: first.title });
    await card.getByRole('button', { name: 'Snooze', exact: true }).click();
    const snooze = card.getByRole('form', { name: 'Snooze task' });
    await snooze.getByLabel('Snooze until').fill(until);
    await e2e.shot(page, 'snooze-form');
    await snooze.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'is snoozed until' }).waitFor();
    await page.getByRole('article', { name: first.title }).waitFor({ state: 'detached' });
    await e2e.shot(page, 'snoozed');

    const snoozed = await e2e.api<TaskDetail>(`tasks/${first.id}`);
    expect(snoozed.status).toBe('snoozed');
    expect(snoozed.snoozedUntil).toBe(`${until}T00:00:00.000Z`);
    expect(snoozed.timeline.at(-1)?.change).toEqual({ snoozedUntil: `${until}T00:00:00.000Z` });

    // It is listed with the snoozed ones, with its date.
    // The filter comes first; each card has a status select of its own.
    const statusFilter = page.getByLabel('Status').first();
    await statusFilter.selectOption('snoozed');
    const asleep = page.getByRole('article', { name: first.title });
    await asleep.getByText('Snoozed until').waitFor();
    await statusFilter.selectOption('');

    // Reassign the task now first to a CSM, and read the change in its timeline on the page.
    const next = await firstOpenTask();
    expect(next.id).not.toBe(first.id);
    const nextCard = page.getByRole('article', { name: next.title });
    await nextCard.getByRole('button', { name: 'Reassign', exact: true }).click();
    const reassign = nextCard.getByRole('form', { name: 'Reassign task' });
    // Not one of the project's CSMs: given by address.
    await reassign.getByLabel('Assign to').selectOption('Someone else…');
    await reassign.getByLabel('Their email').fill(CSM);
    await reassign.getByRole('button', { name: 'Reassign', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `is assigned to ${CSM}` })
      .waitFor();
    await nextCard.getByText(CSM).waitFor();

    const reassigned = await e2e.api<TaskDetail>(`tasks/${next.id}`);
    expect(reassigned.assignee).toBe(CSM);
    expect(reassigned.timeline.at(-1)?.change).toEqual({ assignee: CSM });

    await nextCard.getByRole('button', { name: 'Timeline' }).click();
    await nextCard.getByText(`Assigned to ${CSM}`).waitFor();
    await e2e.shot(page, 'timeline');

    // Signed in as that CSM, "Mine" lists the task just given to them.
    await e2e.signIn(page, CSM);
    await openPage(page, 'Tasks');
    await page.getByRole('button', { name: 'Mine', exact: true }).click();
    await page.getByRole('article', { name: next.title }).waitFor();
    expect(await page.getByRole('article').count()).toBe(1);
    await e2e.shot(page, 'mine');
    // Two sign-ins (the owner's, then the CSM's) on top of the steps.
  }, 120_000);

  it('shows the outbox with the sent emails', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Emails');
    const table = page.getByRole('table', { name: 'Email outbox' });
    await table.waitFor();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/emails?') && r.url().includes('status=sent')),
      page.getByLabel('Status').selectOption('sent'),
    ]);
    await table.getByRole('row').nth(1).waitFor();
    const statuses = await table
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((r) => r.querySelectorAll('td')[4]?.textContent));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['sent']));
    await e2e.shot(page, 'emails');
  });

  it('tells a skipped email’s funnel step by the funnel’s name, not its key', async () => {
    // The demo has no training content for some steps of its Onboarding funnel.
    const { emails } = await e2e.api<OutboxList>('emails?status=skipped&limit=50');
    const keyed = emails.filter((e) => /funnel:[^:\s]+:step:\d+/.test(e.skipReason ?? ''));
    expect(keyed.length).toBeGreaterThan(0);
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Emails');
    const table = page.getByRole('table', { name: 'Email outbox' });
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/emails?') && r.url().includes('status=skipped')),
      page.getByLabel('Status').selectOption('skipped'),
    ]);
    const named = table.getByText(/no training content for “Onboarding, step \d+: [^”]+”/);
    await named.first().waitFor();
    expect(await named.count()).toBe(keyed.length);
    expect(await table.getByText(/funnel:[^:\s]+:step:/).count()).toBe(0);
  });

  it('shows the newest events live, filters them by name and opens one', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Events');
    await page.getByText('Live', { exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Newest events' });
    await table.getByRole('row').nth(1).waitFor();
    await e2e.shot(page, 'events');

    await page.getByLabel('Event', { exact: true }).fill('Signed Up');
    await page.getByRole('button', { name: 'Apply' }).click();
    // Live updates keep coming: wait until every row shown is the filtered event (the page's CSP allows no
    // eval, so the condition is read from outside rather than run in the page).
    const eventCells = table.locator('tbody tr td:nth-child(3)');
    const deadline = Date.now() + 20_000;
    for (;;) {
      const names = await eventCells.allTextContents();
      if (names.length > 0 && names.every((n) => n === 'Signed Up')) break;
      if (Date.now() > deadline) throw new Error(`events still unfiltered: ${names.join(', ')}`);
      await page.waitForTimeout(200);
    }

    const details = page.getByRole('button', { name: /^Details of Signed Up/ }).first();
    await details.click();
    await table.getByText('"properties"').waitFor();
    await e2e.shot(page, 'events-filtered');
  });

  it('is usable at 390 px: the inbox cards and their snooze form fit a phone', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await openPage(page, 'Tasks', true);
    const card = page.getByRole('article').first();
    await card.getByRole('button', { name: 'Snooze', exact: true }).click();
    await card.getByRole('form', { name: 'Snooze task' }).waitFor();
    const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBe(0);
    await e2e.shot(page, 'phone-tasks');
  });
});
