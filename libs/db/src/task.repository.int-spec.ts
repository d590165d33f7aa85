// Tasks: one live task per account and rule, its timeline, the list, digests and quiet periods.
import { randomUUID } from 'node:crypto';
import { nth } from '@bindery/testing';
import { type NewTask, type TaskCursor, type TaskRepository } from './repositories/task.repository';
import { type Task } from './schema';
import {
  at,
  byListOrder,
  conflict,
  created,
  type OutreachRepositories,
  outreachStore,
  T0,
} from './outreach.spec-helper';
import { stores } from './stores.spec-helper';

describe.each(stores)('task repository on $name', (store) => {
  const { repos, project, rule, projectWithRule, newTask, createdAt } = outreachStore(store);
  let db: OutreachRepositories['db'], tasks: OutreachRepositories['tasks'];
  beforeAll(() => {
    ({ db, tasks } = repos());
  });

  it('creates an open task with its first timeline row, and finds it live', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const input = newTask(projectId, ruleId, 'acme');
    const task = await tasks.create(input, created);
    expect(task).toEqual({
      id: input.id,
      project_id: projectId,
      account_id: 'acme',
      rule_id: ruleId,
      title: 'acme went quiet',
      body: 'No report exported in 14 days',
      priority: 'P2',
      status: 'open',
      assignee: 'csm@vendor.io',
      snoozed_until: null,
      quiet_until: null,
      due_at: at(48),
      signal_ids: input.signalIds,
      outcome: null,
      outcome_note: null,
      created_at: expect.any(Date),
      updated_at: expect.any(Date),
    });
    expect(await tasks.findById(projectId, task.id)).toEqual(task);
    expect(await tasks.findLive(projectId, 'acme', ruleId)).toEqual(task);
    expect(await tasks.findLive(projectId, 'globex', ruleId)).toBeUndefined();
    expect(await tasks.findLive(projectId, null, ruleId)).toBeUndefined();
    expect(await tasks.timeline(projectId, task.id)).toEqual([
      {
        id: expect.any(String),
        task_id: task.id,
        at: expect.any(Date),
        actor: 'rules',
        change: { created: true },
      },
    ]);
  });

  it('keeps one live task per account and rule: of two concurrent creates, one is a Conflict', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const otherRule = await rule(projectId, 'Usage drop');
    for (const account of ['acme', null]) {
      const results = await Promise.allSettled([
        tasks.create(newTask(projectId, ruleId, account), created),
        tasks.create(newTask(projectId, ruleId, account), created),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toEqual(conflict);
    }
    // The loser left no task and no timeline row behind.
    expect(await tasks.list(projectId, { limit: 10 })).toHaveLength(2);
    const { n } = await db
      .selectFrom('task_events')
      .select(db.fn.countAll<string>().as('n'))
      .where(
        'task_id',
        'in',
        (await tasks.list(projectId, { limit: 10 })).map((t) => t.id),
      )
      .executeTakeFirstOrThrow();
    expect(Number(n)).toBe(2);

    // Another account, another rule: tasks of their own. A closed task does not count.
    await tasks.create(newTask(projectId, ruleId, 'globex'), created);
    await tasks.create(newTask(projectId, otherRule, 'acme'), created);
    const live = await tasks.findLive(projectId, 'acme', ruleId);
    await tasks.update(projectId, live!.id, { status: 'done' }, { actor: 'csm@vendor.io', change: {} });
    expect(await tasks.findLive(projectId, 'acme', ruleId)).toBeUndefined();
    await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    // Reopening the done one now would make two live tasks.
    await expect(
      tasks.update(projectId, live!.id, { status: 'open' }, { actor: 'csm@vendor.io', change: {} }),
    ).rejects.toEqual(conflict);
    expect(await tasks.findById(projectId, live!.id)).toMatchObject({ status: 'done' });
  });

  it('adds a signal once, with a timeline row and a new updated_at', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const input = newTask(projectId, ruleId, 'acme');
    const task = await tasks.create(input, created);
    const signalId = randomUUID();
    const entry = { actor: 'rules', change: { signal: signalId } };

    const added = await tasks.addSignal(projectId, task.id, signalId, entry);
    expect(added).toEqual({
      ...task,
      signal_ids: [...input.signalIds, signalId],
      updated_at: expect.any(Date),
    });
    expect(added!.updated_at.getTime()).toBeGreaterThanOrEqual(task.updated_at.getTime());
    expect(await tasks.addSignal(projectId, task.id, signalId, entry)).toEqual(added);
    expect(await tasks.addSignal(projectId, task.id, nth(input.signalIds, 0), entry)).toEqual(added);
    const another = randomUUID();
    const anotherEntry = { actor: 'rules', change: { signal: another } };
    const [again, twice] = await Promise.all([
      tasks.addSignal(projectId, task.id, another, anotherEntry),
      tasks.addSignal(projectId, task.id, another, anotherEntry),
    ]);
    expect(again).toEqual(twice);
    expect(again!.signal_ids).toEqual([...input.signalIds, signalId, another]);
    expect((await tasks.timeline(projectId, task.id)).map((e) => e.change)).toEqual([
      { created: true },
      { signal: signalId },
      { signal: another },
    ]);

    expect(await tasks.addSignal(projectId, randomUUID(), signalId, entry)).toBeUndefined();
    expect(await tasks.addSignal(await project(), task.id, randomUUID(), entry)).toBeUndefined();
  });

  it('updates status, assignee and dates with a timeline row each; unknown tasks are undefined', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const task = await tasks.create(newTask(projectId, ruleId, 'acme'), created);

    const taken = await tasks.update(
      projectId,
      task.id,
      { status: 'in_progress', assignee: 'ann@vendor.io' },
      { actor: 'ann@vendor.io', change: { status: 'in_progress', assignee: 'ann@vendor.io' } },
    );
    expect(taken).toEqual({
      ...task,
      status: 'in_progress',
      assignee: 'ann@vendor.io',
      updated_at: expect.any(Date),
    });
    const snoozed = await tasks.update(
      projectId,
      task.id,
      { status: 'snoozed', snoozedUntil: at(24) },
      { actor: 'ann@vendor.io', change: { status: 'snoozed' } },
    );
    expect(snoozed).toMatchObject({ status: 'snoozed', snoozed_until: at(24), assignee: 'ann@vendor.io' });
    const released = await tasks.update(
      projectId,
      task.id,
      { status: 'open', assignee: null, snoozedUntil: null },
      { actor: 'ann@vendor.io', change: { status: 'open', assignee: null } },
    );
    expect(released).toMatchObject({ status: 'open', assignee: null, snoozed_until: null });
    expect(await tasks.findById(projectId, task.id)).toEqual(released);

    const timeline = await tasks.timeline(projectId, task.id);
    expect(timeline.map((e) => [e.actor, e.change])).toEqual([
      ['rules', { created: true }],
      ['ann@vendor.io', { status: 'in_progress', assignee: 'ann@vendor.io' }],
      ['ann@vendor.io', { status: 'snoozed' }],
      ['ann@vendor.io', { status: 'open', assignee: null }],
    ]);
    const times = timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    expect(await tasks.update(projectId, randomUUID(), { status: 'done' }, created)).toBeUndefined();
    expect(await tasks.timeline(projectId, randomUUID())).toEqual([]);
  });

  it('finds the task that keeps a rule quiet: snoozed, or dismissed, until later', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const actor = { actor: 'ann@vendor.io', change: {} };
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, T0)).toBeUndefined();

    const open = await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, T0)).toBeUndefined();
    await tasks.update(projectId, open.id, { status: 'snoozed', snoozedUntil: at(24) }, actor);
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, T0)).toMatchObject({ id: open.id });
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, at(24))).toBeUndefined();
    expect(await tasks.findQuieting(projectId, 'globex', ruleId, T0)).toBeUndefined();
    expect(await tasks.findQuieting(projectId, null, ruleId, T0)).toBeUndefined();

    // Dismissed twice: the newer task answers, while either is quiet.
    await tasks.update(projectId, open.id, { status: 'dismissed', quietUntil: at(100) }, actor);
    const newer = await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    await tasks.update(projectId, newer.id, { status: 'dismissed', quietUntil: at(50) }, actor);
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, T0)).toMatchObject({ id: newer.id });
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, at(60))).toMatchObject({ id: open.id });
    expect(await tasks.findQuieting(projectId, 'acme', ruleId, at(100))).toBeUndefined();

    // A done task quiets nothing, whatever its dates; a task about no account quiets only its kind.
    const done = await tasks.create(newTask(projectId, ruleId, 'initech'), created);
    await tasks.update(projectId, done.id, { status: 'done', quietUntil: at(100) }, actor);
    expect(await tasks.findQuieting(projectId, 'initech', ruleId, T0)).toBeUndefined();
    const nobody = await tasks.create(newTask(projectId, ruleId, null), created);
    await tasks.update(projectId, nobody.id, { status: 'dismissed', quietUntil: at(10) }, actor);
    expect(await tasks.findQuieting(projectId, null, ruleId, T0)).toMatchObject({ id: nobody.id });
    // As the live-task index has it, no account and the account '' are one.
    expect(await tasks.findQuieting(projectId, '', ruleId, T0)).toMatchObject({ id: nobody.id });
  });

  it('lists tasks P1 first, then by due date and id, a page at a time, with filters', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const inputs: NewTask[] = [
      newTask(projectId, ruleId, 'a1', { priority: 'P3', dueAt: at(1) }),
      newTask(projectId, ruleId, 'a2', { priority: 'P1', dueAt: at(5) }),
      newTask(projectId, ruleId, 'a3', { priority: 'P1', dueAt: at(2) }),
      newTask(projectId, ruleId, 'a4', { priority: 'P2', dueAt: at(2), assignee: null }),
      newTask(projectId, ruleId, 'a5', { priority: 'P2', dueAt: at(2), assignee: 'bob@vendor.io' }),
      newTask(projectId, ruleId, 'a6', { priority: 'P2', dueAt: at(2) }),
      newTask(projectId, ruleId, 'a7', { priority: 'P4', dueAt: at(0) }),
      newTask(projectId, ruleId, 'a8', { priority: 'P1', dueAt: at(5), assignee: null }),
    ];
    const stored: Task[] = [];
    for (const input of inputs) stored.push(await tasks.create(input, created));
    await tasks.update(projectId, nth(stored, 0).id, { status: 'done' }, created);
    await tasks.update(projectId, nth(stored, 5).id, { status: 'in_progress' }, created);

    const all = await tasks.list(projectId, { limit: 100 });
    expect(all.map((t) => t.id)).toEqual([...all].sort(byListOrder).map((t) => t.id));
    expect(all.map((t) => t.priority)).toEqual(['P1', 'P1', 'P1', 'P2', 'P2', 'P2', 'P3', 'P4']);
    expect(all[0]?.account_id).toBe('a3');

    const pages: string[][] = [];
    let after: TaskCursor | undefined;
    for (;;) {
      const page = await tasks.list(projectId, { limit: 3, after });
      if (page.length === 0) break;
      pages.push(page.map((t) => t.id));
      const last = nth(page, -1);
      after = { priority: last.priority, dueAt: last.due_at, id: last.id };
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual(all.map((t) => t.id));

    const accounts = async (filters: Parameters<TaskRepository['list']>[1]) =>
      (await tasks.list(projectId, filters)).map((t) => t.account_id).sort();
    expect(await accounts({ assignee: 'unassigned', limit: 100 })).toEqual(['a4', 'a8']);
    expect(await accounts({ assignee: 'bob@vendor.io', limit: 100 })).toEqual(['a5']);
    expect(await accounts({ status: ['done', 'in_progress'], limit: 100 })).toEqual(['a1', 'a6']);
    expect(await accounts({ status: [], limit: 100 })).toEqual([]);
    expect(await accounts({ priority: ['P3', 'P4'], limit: 100 })).toEqual(['a1', 'a7']);
    expect(await accounts({ accountId: 'a2', limit: 100 })).toEqual(['a2']);
    expect(
      await accounts({ assignee: 'csm@vendor.io', status: ['open'], priority: ['P1', 'P2'], limit: 100 }),
    ).toEqual(['a2', 'a3']);
    expect(await tasks.list(projectId, { limit: 2, priority: ['P2'] })).toHaveLength(2);
  });

  it('selects a CSM’s digest: active tasks created since the last one, and active tasks past due', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const ann = 'ann@vendor.io';
    const make = async (account: string, overrides: Partial<NewTask>, createdHoursAgo: number) => {
      const task = await tasks.create(
        newTask(projectId, ruleId, account, { assignee: ann, ...overrides }),
        created,
      );
      await createdAt('tasks', task.id, at(-createdHoursAgo));
      return task;
    };
    await make('new-future', { dueAt: at(24) }, 2);
    await make('new-overdue', { dueAt: at(-1), priority: 'P1' }, 3);
    await make('old-overdue', { dueAt: at(-30) }, 48);
    await make('old-future', { dueAt: at(24) }, 48);
    await make('new-bob', { dueAt: at(-1), assignee: 'bob@vendor.io' }, 1);
    const done = await make('new-done', { dueAt: at(-1) }, 1);
    await tasks.update(projectId, done.id, { status: 'done' }, created);
    const snoozed = await make('new-snoozed', { dueAt: at(-1) }, 1);
    await tasks.update(projectId, snoozed.id, { status: 'snoozed', snoozedUntil: at(5) }, created);
    const working = await make('old-working', { dueAt: at(-2) }, 72);
    await tasks.update(projectId, working.id, { status: 'in_progress' }, created);

    const digest = await tasks.forDigest(projectId, ann, at(-24), T0);
    expect(digest.created.map((t) => t.account_id)).toEqual(['new-overdue', 'new-future']);
    expect(digest.overdue.map((t) => t.account_id)).toEqual(['new-overdue', 'old-overdue', 'old-working']);
    expect(await tasks.forDigest(projectId, 'nobody@vendor.io', at(-24), T0)).toEqual({
      created: [],
      overdue: [],
    });
  });

  it('lists the assignees of live tasks, once each', async () => {
    const { projectId, ruleId } = await projectWithRule();
    await tasks.create(newTask(projectId, ruleId, 'a1', { assignee: 'bob@vendor.io' }), created);
    await tasks.create(newTask(projectId, ruleId, 'a2', { assignee: 'ann@vendor.io' }), created);
    await tasks.create(newTask(projectId, ruleId, 'a3', { assignee: 'bob@vendor.io' }), created);
    await tasks.create(newTask(projectId, ruleId, 'a4', { assignee: null }), created);
    const gone = await tasks.create(newTask(projectId, ruleId, 'a5', { assignee: 'cy@vendor.io' }), created);
    await tasks.update(projectId, gone.id, { status: 'dismissed' }, created);
    const snoozed = await tasks.create(
      newTask(projectId, ruleId, 'a6', { assignee: 'dee@vendor.io' }),
      created,
    );
    await tasks.update(projectId, snoozed.id, { status: 'snoozed', snoozedUntil: at(1) }, created);

    expect(await tasks.assignees(projectId)).toEqual(['ann@vendor.io', 'bob@vendor.io', 'dee@vendor.io']);
  });

  it('keeps a task, unattached, when its rule is deleted', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const task = await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    await db.deleteFrom('rules').where('id', '=', ruleId).execute();
    expect(await tasks.findById(projectId, task.id)).toMatchObject({ rule_id: null, status: 'open' });
    expect(await tasks.timeline(projectId, task.id)).toHaveLength(1);
  });
});
