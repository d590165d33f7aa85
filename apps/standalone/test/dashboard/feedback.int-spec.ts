import { type FeedbackRequest } from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

/** The feedback inbox in Chromium: statuses with a public note, merging a duplicate, opening the board. */
describe('dashboard: feedback inbox', () => {
  let e2e: DashboardE2E;
  const create = (title: string, userId: string) =>
    e2e.api<FeedbackRequest>('feedback/requests', { method: 'POST', body: { title, userId }, status: 201 });

  beforeAll(async () => {
    e2e = await startDashboardE2E('feedback', { accounts: 5 });
  }, 180_000);
  afterAll(() => e2e?.close());

  it('sets a status and note, merges a duplicate keeping one vote per person, and opens the public board', async () => {
    const main = await create('Bulk <edit>', 'ann');
    await create('Edit many rows', 'bob');
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Feedback' }).click();
    await page.getByRole('heading', { name: 'Feedback' }).waitFor();
    await page.getByLabel('Status of Bulk <edit>', { exact: true }).last().selectOption('planned');
    await page.getByLabel('Public note of Bulk <edit>').fill('Next month');
    await page
      .getByRole('form', { name: 'Status of Bulk <edit>' })
      .getByRole('button', { name: 'Save' })
      .click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByLabel('Merge Edit many rows into').selectOption(main.id);
    await page.getByRole('button', { name: 'Merge' }).nth(1).click();
    await page.getByLabel('Merge Edit many rows into').waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: 'Bulk <edit>' });
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('2');
    await page.getByLabel('Slug').fill('acme-ideas');
    await page.getByRole('form', { name: 'Public board' }).getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: '/board/acme-ideas' }).waitFor();
    await e2e.shot(page, 'inbox');
    await page.getByRole('link', { name: '/board/acme-ideas' }).click();
    await page.getByRole('heading', { name: /Bulk <edit>/ }).waitFor();
    expect(await page.getByText('Next month').count()).toBe(1);
    await e2e.shot(page, 'board');
  });
});
