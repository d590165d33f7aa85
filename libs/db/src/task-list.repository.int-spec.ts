import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { migrateDatabase } from './database';
import { AccountHealthRepository } from './repositories/account-health.repository';
import { type Note, NoteRepository } from './repositories/note.repository';
import {
  type ListedTask,
  type NewTask,
  type TaskFilters,
  TaskRepository,
  type TaskSort,
} from './repositories/task.repository';
import { type Database } from './schema';
import { insertProject, stores } from './stores.spec-helper';
import { nth } from '@bindery/testing';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-10T12:00:00.000Z');
const isoDay = (daysBefore: number) => new Date(T0 - daysBefore * DAY).toISOString().slice(0, 10);
const created = { actor: 'maya@vendor.example', change: { created: true } };

/** Postgres orders uuids as their hex strings. */
const byId = (a: ListedTask, b: ListedTask) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe.each(stores)('the task list and notes on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let tasks: TaskRepository;
  let notes: NoteRepository;
  let health: AccountHealthRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    tasks = new TaskRepository(db);
    notes = new NoteRepository(db);
    health = new AccountHealthRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const newTask = (projectId: string, accountId: string | null, over: Partial<NewTask> = {}): NewTask => ({
    id: randomUUID(),
    projectId,
    accountId,
    ruleId: null,
    title: `Call ${accountId ?? 'nobody'}`,
    body: '',
    priority: 'P2',
    assignee: 'maya@vendor.example',
    dueAt: new Date(T0 + DAY),
    signalIds: [],
    ...over,
  });
  const score = (projectId: string, accountId: string, daysBefore: number, value: number) =>
    health.upsertMany(projectId, isoDay(daysBefore), [
      { accountId, score: value, components: {}, abc: value > 60 ? 'A' : 'B' },
    ]);

  /** Nine tasks over six accounts, with mixed priorities, due dates, creation times, MRR and health. */
  async function seeded() {
    const projectId = await insertProject(db);
    const specs: [string | null, NewTask['priority'], number][] = [
      ['a1', 'P2', 3],
      ['a2', 'P1', 5],
      ['a3', 'P1', 1],
      ['a3', 'P3', 1],
      ['a4', 'P2', 2],
      [null, 'P4', 0],
      ['a5', 'P2', 2],
      ['a6', 'P1', 1],
      ['a1', 'P1', 9],
    ];
    const made = [];
    for (const [i, [accountId, priority, dueDays]] of specs.entries()) {
      const task = await tasks.create(
        newTask(projectId, accountId, { priority, dueAt: new Date(T0 + dueDays * DAY) }),
        created,
      );
      // Two tasks share a creation time: the order falls back on ids.
      const at = new Date(T0 - (i === 4 ? 3 : i) * 3_600_000);
      await sql`update tasks set created_at = ${at} where id = ${task.id}`.execute(db);
      made.push(task);
    }
    for (const [accountId, scores] of Object.entries({ a1: [40], a2: [90], a3: [55], a4: [40], a5: [] })) {
      for (const [i, value] of scores.entries()) await score(projectId, accountId, i, value);
    }
    const mrr = { a1: 500, a2: 4488, a3: 500, a4: 120, a6: 9000 };
    return { projectId, made, mrr };
  }

  /** Every page of a list at `limit` a page, following the key of each page's last task. */
  async function pages(
    projectId: string,
    filters: Omit<TaskFilters, 'limit' | 'after' | 'afterKey'>,
    limit: number,
  ) {
    const seen: ListedTask[] = [];
    let next: Pick<TaskFilters, 'after' | 'afterKey'> = {};
    for (let i = 0; i < 20; i++) {
      const page = await tasks.list(projectId, { ...filters, ...next, limit });
      seen.push(...page);
      if (page.length < limit) return seen;
      const last = nth(page, -1);
      next =
        (filters.sort ?? 'priority') === 'priority'
          ? { after: { priority: last.priority, dueAt: last.due_at, id: last.id } }
          : { afterKey: { key: last.sort_key as number, id: last.id } };
    }
    throw new Error('the pages did not end');
  }

  it('lists each task with its account’s health now and the newest score at least 7 days before', async () => {
    const projectId = await insertProject(db);
    const trend = await tasks.create(newTask(projectId, 'trend'), created);
    const fresh = await tasks.create(newTask(projectId, 'fresh'), created);
    const none = await tasks.create(newTask(projectId, null), created);
    await score(projectId, 'trend', 10, 80);
    await score(projectId, 'trend', 8, 75);
    await score(projectId, 'trend', 3, 60);
    await score(projectId, 'trend', 0, 41);
    await score(projectId, 'fresh', 1, 70);
    // Another project's scores for the same account id never show.
    await score(await insertProject(db), 'fresh', 0, 5);

    const byAccount = new Map((await tasks.list(projectId, { limit: 10 })).map((t) => [t.id, t]));

    expect(byAccount.get(trend.id)).toMatchObject({
      health_score: 41,
      health_day: isoDay(0),
      health_abc: 'B',
      before_score: 75,
      before_day: isoDay(8),
      sort_key: null,
    });
    expect(byAccount.get(fresh.id)).toMatchObject({
      health_score: 70,
      health_day: isoDay(1),
      before_score: null,
      before_day: null,
    });
    expect(byAccount.get(none.id)).toMatchObject({
      health_score: null,
      health_abc: null,
      before_score: null,
    });
  });

  const ORDERS: [TaskSort, (a: ListedTask, b: ListedTask, mrr: Record<string, number>) => number][] = [
    [
      'priority',
      (a, b) => a.priority.localeCompare(b.priority) || a.due_at.getTime() - b.due_at.getTime() || byId(a, b),
    ],
    ['due', (a, b) => a.due_at.getTime() - b.due_at.getTime() || byId(a, b)],
    ['created', (a, b) => b.created_at.getTime() - a.created_at.getTime() || byId(b, a)],
    ['mrr', (a, b, mrr) => (mrr[b.account_id ?? ''] ?? -1) - (mrr[a.account_id ?? ''] ?? -1) || byId(b, a)],
    ['health', (a, b) => (a.health_score ?? 1000) - (b.health_score ?? 1000) || byId(a, b)],
  ];

  it.each(ORDERS)('orders by %s and pages through every task once by keyset', async (sort, compare) => {
    const { projectId, mrr } = await seeded();

    const all = await tasks.list(projectId, { sort, mrr, limit: 100 });
    const paged = await pages(projectId, { sort, mrr }, 2);

    expect(all).toHaveLength(9);
    expect(all.map((t) => t.id)).toEqual([...all].sort((a, b) => compare(a, b, mrr)).map((t) => t.id));
    expect(paged.map((t) => t.id)).toEqual(all.map((t) => t.id));
  });

  it('puts the accounts without MRR or health last, and filters while it orders', async () => {
    const { projectId, mrr } = await seeded();

    const byMrr = await tasks.list(projectId, { sort: 'mrr', mrr, limit: 100 });
    const byHealth = await tasks.list(projectId, { sort: 'health', limit: 100 });
    const p1 = await pages(projectId, { sort: 'health', priority: ['P1'] }, 1);

    const accounts = byMrr.map((t) => t.account_id);
    // Equal MRR (500; none for a5 and the task without an account) is ordered by id.
    expect(accounts.slice(0, 2)).toEqual(['a6', 'a2']);
    expect(accounts.slice(2, 6).sort()).toEqual(['a1', 'a1', 'a3', 'a3']);
    expect(accounts[6]).toBe('a4');
    expect(accounts.slice(7).map(String).sort()).toEqual(['a5', 'null']);
    expect(byHealth.map((t) => t.health_score).slice(-3)).toEqual([null, null, null]);
    expect(byHealth.slice(0, 3).map((t) => t.account_id)).toEqual(
      expect.arrayContaining(['a1', 'a1', 'a4']) as string[],
    );
    expect(p1.map((t) => t.account_id)).toEqual(['a1', 'a3', 'a2', 'a6']);
  });

  it('searches titles and account ids in any case, and the accounts a name search found', async () => {
    const { projectId, made } = await seeded();
    await tasks.create(newTask(projectId, 'b7', { title: 'Renewal at 100% price_list' }), created);
    const search = async (text: string, accountIds: string[] = []) =>
      (await tasks.list(projectId, { search: { text, accountIds }, limit: 100 })).map((t) => t.title).sort();

    expect(await search('CALL A3')).toEqual(['Call a3', 'Call a3']);
    expect(await search('a6')).toEqual(['Call a6']);
    expect(await search('zzz', ['a2', 'a4'])).toEqual(['Call a2', 'Call a4']);
    // LIKE's wildcards are text like any other.
    expect(await search('%')).toEqual(['Renewal at 100% price_list']);
    expect(await search('0_p')).toEqual([]);
    expect(await search('e_l')).toEqual(['Renewal at 100% price_list']);
    expect(await tasks.accountIds(projectId, { search: { text: 'call a', accountIds: [] } })).toEqual(
      expect.arrayContaining(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']) as string[],
    );
    expect((await tasks.accountIds(projectId, {})).sort()).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
      'b7',
    ]);
    const second = nth(made, 1);
    expect((await tasks.list(projectId, { id: second.id, limit: 5 })).map((t) => t.id)).toEqual([second.id]);
  });

  it('counts each assignee’s live tasks', async () => {
    const projectId = await insertProject(db);
    const li = 'li@vendor.example';
    await tasks.create(newTask(projectId, 'a'), created);
    await tasks.create(newTask(projectId, 'b', { assignee: li }), created);
    const done = await tasks.create(newTask(projectId, 'c', { assignee: li }), created);
    await tasks.create(newTask(projectId, 'd', { assignee: null }), created);
    await tasks.update(projectId, done.id, { status: 'done' }, created);

    expect(await tasks.liveByAssignee(projectId)).toEqual([
      { assignee: li, tasks: 1 },
      { assignee: 'maya@vendor.example', tasks: 1 },
    ]);
  });

  it('keeps notes on accounts and tasks: newest first by account, a page at a time; oldest first by task', async () => {
    const projectId = await insertProject(db);
    const task = await tasks.create(newTask(projectId, 'acme', { title: 'Renewal call' }), created);
    const written: Note[] = [];
    for (const [i, taskId] of [null, task.id, null, task.id, null].entries()) {
      written.push(
        await notes.add({
          id: randomUUID(),
          projectId,
          accountId: 'acme',
          taskId,
          author: 'maya@vendor.example',
          body: `note ${i}`,
        }),
      );
    }
    // Two notes at the same millisecond: ids decide.
    await sql`update notes set created_at = ${new Date(T0)} where id in (${nth(written, 1).id}, ${nth(written, 2).id})`.execute(
      db,
    );
    const other = await insertProject(db);
    await notes.add({
      id: randomUUID(),
      projectId: other,
      accountId: 'acme',
      taskId: null,
      author: 'x',
      body: 'x',
    });

    const all = await notes.forAccount(projectId, 'acme', 10);
    const paged = [];
    let after;
    for (;;) {
      const page = await notes.forAccount(projectId, 'acme', 2, after);
      paged.push(...page);
      if (page.length < 2) break;
      after = { createdAt: nth(page, 1).created_at, id: nth(page, 1).id };
    }

    expect(all).toHaveLength(5);
    expect(paged.map((n) => n.id)).toEqual(all.map((n) => n.id));
    expect(all.map((n) => n.created_at.getTime())).toEqual(
      [...all].map((n) => n.created_at.getTime()).sort((a, b) => b - a),
    );
    expect(all.find((n) => n.id === written[1]?.id)).toMatchObject({
      task_title: 'Renewal call',
      task_id: task.id,
    });
    expect(all.find((n) => n.id === written[0]?.id)).toMatchObject({ task_title: null, task_id: null });
    expect((await notes.forTask(projectId, 'acme', task.id)).map((n) => n.body).sort()).toEqual([
      'note 1',
      'note 3',
    ]);
    expect(await notes.forTask(other, 'acme', task.id)).toEqual([]);
    expect(await tasks.personActed(projectId, task.id)).toBe(true);
  });
});
