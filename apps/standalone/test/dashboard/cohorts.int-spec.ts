import type {
  Cohort,
  CohortDetail,
  CohortList,
  CohortTasksResult,
  DropoffPage,
  FunnelQuery,
  TaskDetail,
  TaskList,
} from '@bindery/contracts';
import { type DashboardE2E, OWNER_EMAIL, startDashboardE2E } from './harness';

const ONBOARDING = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'];
const COHORT_NAME = 'Stopped at step 2 (e2e)';
const TASK_TITLE = 'Help them create a project (e2e)';

/**
 * Acting on a list in Chromium against the standalone app: a funnel's drop-off list saved as a cohort, then a
 * task on each of its accounts after the dry run's count and preview; each checked against the API.
 */
describe('dashboard: cohorts', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('cohorts', { accounts: 10 });
  }, 600_000);
  afterAll(() => e2e?.close());

  it('saves a drop-off list as a cohort and makes a task per account from it', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    const f = JSON.stringify({ s: ONBOARDING.map((e) => ({ e })), o: 'ordered', w: 7 * 86_400, a: 'user' });
    const request = page.waitForRequest((r) => r.url().endsWith('/funnels/query') && r.method() === 'POST');
    await page.goto(`${e2e.app.url}/funnels?${new URLSearchParams({ f, step: '2' })}`);
    // The page's funnel and range, without the trend it asks for alongside.
    const query = (await request).postDataJSON() as FunnelQuery & { trend?: string };
    delete query.trend;
    const list = page.getByRole('region', { name: /^Stopped at step 2/ });
    await list.getByRole('table').waitFor();

    await list.getByRole('button', { name: 'Save as cohort' }).click();
    const form = list.getByRole('form', { name: 'Save as cohort' });
    await form.getByLabel('Cohort name').fill(COHORT_NAME);
    await form.getByRole('button', { name: 'Save cohort' }).click();
    const saved = list.getByRole('status');
    await saved.getByRole('link', { name: COHORT_NAME }).waitFor();
    await e2e.shot(page, 'saved');

    // The cohort holds exactly the API's drop-off list for the same funnel and range.
    const cohort = (await e2e.api<CohortList>('cohorts')).cohorts.find(
      (c) => c.name === COHORT_NAME,
    ) as Cohort;
    expect(cohort).toMatchObject({ kind: 'people', type: 'static', createdBy: OWNER_EMAIL });
    expect(cohort.definition).toMatchObject({ type: 'funnel_dropoff', step: 2 });
    const stopped: DropoffPage['subjects'] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { query: JSON.stringify(query), step: '2', limit: '1000' };
      if (cursor) params.cursor = cursor;
      const dropoffs: DropoffPage = await e2e.api<DropoffPage>(
        `funnels/dropoffs?${new URLSearchParams(params)}`,
      );
      stopped.push(...dropoffs.subjects);
      cursor = dropoffs.nextCursor;
    } while (cursor);
    expect(stopped.length).toBeGreaterThan(0);
    const detail = await e2e.api<CohortDetail>(`cohorts/${cohort.id}?limit=1000`);
    expect(detail.members).toEqual(stopped.map((s) => s.id).sort());
    expect(cohort.size).toBe(stopped.length);

    await saved.getByRole('link', { name: COHORT_NAME }).click();
    await page.getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    await page.getByRole('heading', { level: 2, name: COHORT_NAME }).waitFor();
    const tasks = page.getByRole('form', { name: 'Tasks for the accounts' });
    await tasks.getByLabel('Task title').fill(TASK_TITLE);
    await tasks.getByRole('button', { name: 'Preview tasks' }).click();
    const preview = page.getByRole('region', { name: 'Tasks preview' });
    await preview.waitFor();
    await e2e.shot(page, 'preview');

    const dry = await e2e.api<CohortTasksResult>(`cohorts/${cohort.id}/tasks`, {
      method: 'POST',
      body: { title: TASK_TITLE },
    });
    const accounts = new Set(stopped.flatMap((s) => (s.accountId ? [s.accountId] : [])));
    expect(dry).toMatchObject({ confirmed: false, accounts: accounts.size, created: accounts.size });
    expect(dry.accounts).toBeGreaterThan(0);
    const n = dry.created.toLocaleString('en');
    expect(await preview.textContent()).toContain(`${n} new task`);
    const previewed = await preview.getByRole('rowheader').allTextContents();
    expect(previewed).toHaveLength(dry.preview.length);
    const made = async () =>
      (await e2e.api<TaskList>(`tasks?${new URLSearchParams({ q: TASK_TITLE, limit: '100' })}`)).tasks;
    expect(await made()).toEqual([]);

    await preview.getByRole('button', { name: new RegExp(`^Create ${n} tasks?$`) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Created ${n} task` })
      .waitFor();
    await e2e.shot(page, 'created');

    const created = await made();
    expect(created.map((t) => t.accountId).sort()).toEqual([...accounts].sort());
    const timeline = (await e2e.api<TaskDetail>(`tasks/${created[0]!.id}`)).timeline;
    expect(timeline[0]).toMatchObject({ actor: OWNER_EMAIL, change: { created: true, cohortId: cohort.id } });
    const again = await e2e.api<CohortTasksResult>(`cohorts/${cohort.id}/tasks`, {
      method: 'POST',
      body: { title: TASK_TITLE, confirm: true },
    });
    expect(again).toMatchObject({ created: 0, alreadyCreated: accounts.size });
    expect(await made()).toHaveLength(accounts.size);
  }, 180_000);
});
