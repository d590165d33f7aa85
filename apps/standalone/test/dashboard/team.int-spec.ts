import type { AuditList, Task, TaskDetail } from '@bindery/contracts';
import { until } from '@bindery/testing';
import { type DashboardE2E, PASSWORD, startDashboardE2E } from './harness';

const CSM = 'cora.csm@vendor.example';

/**
 * A team in Chromium against the standalone app: the owner invites a CSM from the members page, the CSM joins
 * by the link, sees "my tasks" and closes one with an outcome; the owner reads it, by the CSM's name, in the
 * audit log.
 */
describe('dashboard: a team', () => {
  let e2e: DashboardE2E;
  let task: Task;

  beforeAll(async () => {
    e2e = await startDashboardE2E('team', { accounts: 10 });
    const [account] = (await e2e.api<{ accounts: { id: string }[] }>('accounts?limit=1')).accounts;
    task = await e2e.api<Task>('tasks', {
      method: 'POST',
      status: 201,
      body: { accountId: account?.id, title: 'Welcome call for the new CSM', priority: 'P2', assignee: CSM },
    });
  }, 240_000);
  afterAll(() => e2e?.close());

  it('owner invites a CSM, who joins, closes their task with an outcome; the owner audits it', async () => {
    const owner = await e2e.newPage();
    await e2e.signIn(owner);
    await owner.getByRole('link', { name: 'Members', exact: true }).click();
    await owner.getByRole('heading', { level: 1, name: 'Members' }).waitFor();
    const invite = owner.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill(CSM);
    await invite.getByLabel('Role').selectOption('csm');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    const sent = owner.getByRole('status').filter({ hasText: `Invitation emailed to ${CSM} as csm` });
    await sent.waitFor();
    const link = (await sent.locator('code').textContent()) ?? '';
    expect(link).toMatch(/\/invite#inv_/);
    await e2e.shot(owner, 'invited');

    const csm = await e2e.newPage();
    await csm.goto(`${e2e.app.url}${new URL(link).pathname}${new URL(link).hash}`);
    await csm.getByLabel('Your name').fill('Cora');
    await csm.getByLabel(/Choose a password/).fill(PASSWORD);
    await csm.getByRole('button', { name: 'Join' }).click();
    await csm.getByRole('heading', { name: 'Overview' }).waitFor();
    await csm.getByText(`${CSM} · csm`).waitFor();

    await csm.getByRole('link', { name: 'Tasks', exact: true }).click();
    await csm.getByRole('button', { name: 'Mine', exact: true }).click();
    const card = csm.getByRole('article', { name: task.title });
    await card.waitFor();
    expect(await csm.getByRole('article').count()).toBe(1);
    await csm.getByText(`Tasks assigned to ${CSM}`).waitFor();
    await e2e.shot(csm, 'my-tasks');
    await card.getByLabel('Status').selectOption('done');
    const close = card.getByRole('form', { name: 'Close task' });
    await close.getByLabel('Resolved').check();
    await close.getByRole('button', { name: 'Mark done' }).click();
    await csm.getByRole('status').filter({ hasText: 'is done: resolved.' }).waitFor();

    const closed = await e2e.api<TaskDetail>(`tasks/${task.id}`);
    expect(closed).toMatchObject({ status: 'done', outcome: 'resolved' });
    expect(closed.timeline.at(-1)?.actor).toBe(CSM);
    // Not an admin: no audit log in the CSM's navigation.
    expect(await csm.getByRole('link', { name: 'Audit log' }).count()).toBe(0);

    await owner.getByRole('link', { name: 'Audit log', exact: true }).click();
    await owner.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await owner.getByLabel('Person').selectOption(CSM);
    await owner.getByLabel('Kind').selectOption('task.updated');
    // The header and the CSM's one change, once both filters apply.
    await until(
      'the filtered audit log',
      () => owner.getByRole('row').count(),
      (n) => n === 2,
    );
    const row = owner.getByRole('row').filter({ hasText: 'task.updated' });
    expect(await row.textContent()).toContain(CSM);
    await e2e.shot(owner, 'audit');
    const audit = await e2e.api<AuditList>(`audit?actor=${encodeURIComponent(CSM)}&action=task.updated`);
    expect(audit.entries).toHaveLength(1);
  });
});
