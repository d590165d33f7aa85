import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type DomainError } from '@bindery/contracts';
import { migrateDatabase } from './database';
import { EmailTemplateRepository } from './repositories/email-template.repository';
import { OutboxRepository, type OutboxWrite, SUPPRESSED } from './repositories/outbox.repository';
import { SuppressionRepository } from './repositories/suppression.repository';
import { type NewTask, type TaskCursor, TaskRepository } from './repositories/task.repository';
import { TrainingContentRepository } from './repositories/training-content.repository';
import { insertProject, stores } from './stores.spec-helper';
import { type Database, type Task } from './schema';

const conflict = expect.objectContaining({ code: 'conflict' }) as DomainError;
const HOUR = 3_600_000;
const T0 = new Date('2024-05-06T12:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
const created = { actor: 'rules', change: { created: true } };

/** Postgres' order of uuids is their hex strings' order. */
const byListOrder = (a: Task, b: Task) =>
  a.priority.localeCompare(b.priority) ||
  a.due_at.getTime() - b.due_at.getTime() ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe.each(stores)('outreach storage on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let tasks: TaskRepository;
  let templates: EmailTemplateRepository;
  let content: TrainingContentRepository;
  let outbox: OutboxRepository;
  let suppressions: SuppressionRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    expect(await migrateDatabase(db)).toEqual([
      '0001-projects',
      '0002-funnels',
      '0003-rules',
      '0004-project-settings',
      '0005-outreach',
      '0006-signal-lifecycle',
      '0007-health-basis',
    ]);
    tasks = new TaskRepository(db);
    templates = new EmailTemplateRepository(db);
    content = new TrainingContentRepository(db);
    outbox = new OutboxRepository(db);
    suppressions = new SuppressionRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const project = () => insertProject(db);
  /** One email written on its own; a Conflict is thrown. */
  const insert = async (email: OutboxWrite) => {
    const [result] = await outbox.write([email]);
    if (result instanceof Error) throw result;
    return result;
  };
  const claim = async (id: string) => (await outbox.advance({ claim: [id] }))[0];
  /** Marks one row sent; the row if that changed it (it was sending), else undefined. */
  const markSent = async (id: string, messageId: string) => {
    const before = await outbox.findByIdUnscoped(id);
    await outbox.advance({ sent: [{ id, messageId }] });
    const after = await outbox.findByIdUnscoped(id);
    return before?.status === 'sending' && after?.status === 'sent' ? after : undefined;
  };
  /** Whether a new email to the address would be written skipped as suppressed (the probe row is then skipped). */
  const suppressedFor = async (projectId: string, recipient: string) => {
    const { row } = await insert({ ...probe(projectId, recipient), kind: 'csm_alert' });
    if (row.status === 'pending') await outbox.markSkipped(row.id, 'probe');
    return row.skip_reason === SUPPRESSED;
  };
  /** Whether the cap since `since` holds a new training email to the address (the probe row is then skipped). */
  const cappedFor = async (projectId: string, recipient: string, since: Date) => {
    const { row } = await insert({ ...probe(projectId, recipient), cap: { since, reason: 'capped' } });
    if (row.status === 'pending') await outbox.markSkipped(row.id, 'probe');
    return row.skip_reason === 'capped';
  };
  const probe = (projectId: string, recipient: string): OutboxWrite => ({
    id: randomUUID(),
    projectId,
    kind: 'training',
    recipient,
    subject: 'probe',
    html: '',
    text: '',
  });

  async function rule(projectId: string, name = 'Gone quiet'): Promise<string> {
    const id = randomUUID();
    await db
      .insertInto('rules')
      .values({
        id,
        project_id: projectId,
        name,
        type: 'inactivity',
        scope: 'account',
        params: '{}',
        cooldown_hours: 24,
        enabled: true,
      })
      .execute();
    return id;
  }

  async function projectWithRule(): Promise<{ projectId: string; ruleId: string }> {
    const projectId = await project();
    return { projectId, ruleId: await rule(projectId) };
  }

  const newTask = (
    projectId: string,
    ruleId: string | null,
    accountId: string | null,
    overrides: Partial<NewTask> = {},
  ): NewTask => ({
    id: randomUUID(),
    projectId,
    accountId,
    ruleId,
    title: `${accountId ?? 'nobody'} went quiet`,
    body: 'No report exported in 14 days',
    priority: 'P2',
    assignee: 'csm@vendor.io',
    dueAt: at(48),
    signalIds: [randomUUID()],
    ...overrides,
  });

  /** Backdates a row's created_at, which the database sets. */
  const createdAt = (table: 'tasks' | 'email_outbox', id: string, when: Date) =>
    sql`update ${sql.table(table)} set created_at = ${when} where id = ${id}`.execute(db);

  describe('tasks', () => {
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
      expect(await tasks.addSignal(projectId, task.id, input.signalIds[0], entry)).toEqual(added);
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
      await tasks.update(projectId, stored[0].id, { status: 'done' }, created);
      await tasks.update(projectId, stored[5].id, { status: 'in_progress' }, created);

      const all = await tasks.list(projectId, { limit: 100 });
      expect(all.map((t) => t.id)).toEqual([...all].sort(byListOrder).map((t) => t.id));
      expect(all.map((t) => t.priority)).toEqual(['P1', 'P1', 'P1', 'P2', 'P2', 'P2', 'P3', 'P4']);
      expect(all[0].account_id).toBe('a3');

      const pages: string[][] = [];
      let after: TaskCursor | undefined;
      for (;;) {
        const page = await tasks.list(projectId, { limit: 3, after });
        if (page.length === 0) break;
        pages.push(page.map((t) => t.id));
        const last = page[page.length - 1];
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
      const gone = await tasks.create(
        newTask(projectId, ruleId, 'a5', { assignee: 'cy@vendor.io' }),
        created,
      );
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

  describe('email templates and training content', () => {
    it('creates, lists by name, finds, updates and deletes templates; a duplicate name is a Conflict', async () => {
      const projectId = await project();
      const fields = { name: 'welcome', subject: 'Hi {{name}}', html: '<p>Hi</p>', text: 'Hi' };
      const welcome = await templates.create(projectId, randomUUID(), fields);
      expect(welcome).toEqual({
        id: welcome.id,
        project_id: projectId,
        ...fields,
        created_at: expect.any(Date),
        updated_at: expect.any(Date),
      });
      const alert = await templates.create(projectId, randomUUID(), { ...fields, name: 'alert' });
      await expect(templates.create(projectId, randomUUID(), fields)).rejects.toEqual(conflict);

      expect((await templates.list(projectId)).map((t) => t.name)).toEqual(['alert', 'welcome']);
      expect(await templates.findByName(projectId, 'welcome')).toEqual(welcome);
      expect(await templates.findById(projectId, alert.id)).toEqual(alert);
      expect(await templates.findByName(projectId, 'nope')).toBeUndefined();

      const changed = await templates.update(projectId, welcome.id, { subject: 'Hello', text: 'Hello' });
      expect(changed).toEqual({ ...welcome, subject: 'Hello', text: 'Hello', updated_at: expect.any(Date) });
      await expect(templates.update(projectId, alert.id, { name: 'welcome' })).rejects.toEqual(conflict);
      expect(await templates.update(projectId, randomUUID(), { name: 'x' })).toBeUndefined();

      expect(await templates.delete(projectId, alert.id)).toBe(true);
      expect(await templates.delete(projectId, alert.id)).toBe(false);
      expect(await templates.list(projectId)).toEqual([changed]);
      await templates.create(await project(), randomUUID(), fields);
    });

    it('creates, lists by key, finds, updates and deletes training content; a duplicate key is a Conflict', async () => {
      const projectId = await project();
      const fields = {
        key: 'Report Exported',
        title: 'Exporting reports',
        url: 'https://help.example.com/export',
        summary: 'Two clicks to a CSV',
      };
      const report = await content.create(projectId, randomUUID(), fields);
      expect(report).toEqual({
        id: report.id,
        project_id: projectId,
        ...fields,
        created_at: expect.any(Date),
        updated_at: expect.any(Date),
      });
      const step = await content.create(projectId, randomUUID(), { ...fields, key: 'funnel:f1:step:2' });
      await expect(content.create(projectId, randomUUID(), fields)).rejects.toEqual(conflict);

      expect((await content.list(projectId)).map((c) => c.key)).toEqual([
        'Report Exported',
        'funnel:f1:step:2',
      ]);
      expect(await content.findByKey(projectId, 'funnel:f1:step:2')).toEqual(step);
      expect(await content.findById(projectId, report.id)).toEqual(report);
      expect(await content.findByKey(projectId, 'nope')).toBeUndefined();

      const changed = await content.update(projectId, step.id, { url: 'https://help.example.com/step' });
      expect(changed).toEqual({
        ...step,
        url: 'https://help.example.com/step',
        updated_at: expect.any(Date),
      });
      await expect(content.update(projectId, step.id, { key: 'Report Exported' })).rejects.toEqual(conflict);
      expect(await content.update(projectId, randomUUID(), { title: 'x' })).toBeUndefined();

      expect(await content.delete(projectId, report.id)).toBe(true);
      expect(await content.delete(projectId, report.id)).toBe(false);
      expect(await content.list(projectId)).toEqual([changed]);
    });
  });

  describe('outbox', () => {
    const email = (projectId: string, overrides: Partial<OutboxWrite> = {}): OutboxWrite => ({
      id: randomUUID(),
      projectId,
      signalId: randomUUID(),
      kind: 'training',
      recipient: 'user@customer.io',
      template: 'training',
      subject: 'Export your reports',
      html: '<p>Two clicks</p>',
      text: 'Two clicks',
      headers: { 'List-Unsubscribe': '<https://x/u>' },
      ...overrides,
    });

    it('inserts a row once: the same id again returns the stored row', async () => {
      const projectId = await project();
      const input = email(projectId);
      const first = await insert(input);
      expect(first).toEqual({
        created: true,
        row: { id: input.id, project_id: projectId, status: 'pending', skip_reason: null },
      });
      const stored = await outbox.findById(projectId, input.id);
      expect(stored).toEqual({
        id: input.id,
        project_id: projectId,
        signal_id: input.signalId,
        kind: 'training',
        recipient: 'user@customer.io',
        template: 'training',
        subject: 'Export your reports',
        html: '<p>Two clicks</p>',
        text: 'Two clicks',
        headers: { 'List-Unsubscribe': '<https://x/u>' },
        status: 'pending',
        attempts: 0,
        last_error: null,
        skip_reason: null,
        message_id: null,
        created_at: expect.any(Date),
        sending_at: null,
        sent_at: null,
      });
      expect(await insert({ ...input, subject: 'Another subject' })).toEqual({
        created: false,
        row: first.row,
      });
      expect(await outbox.findById(projectId, input.id)).toEqual(stored);
      const [a, b] = await Promise.all([insert(email(projectId, { id: input.id })), insert(input)]);
      expect([a.created, b.created]).toEqual([false, false]);

      const bare = await insert({
        ...email(projectId),
        signalId: undefined,
        template: undefined,
        headers: undefined,
      });
      expect(await outbox.findById(projectId, bare.row.id)).toMatchObject({
        signal_id: null,
        template: null,
        headers: {},
      });
      // An id of another project's row is no place to write into.
      await expect(insert(email(await project(), { id: input.id }))).rejects.toEqual(conflict);
    });

    it('claims a pending row, again while it is sending (a retry), and never once it is finished', async () => {
      const projectId = await project();
      const { row } = await insert(email(projectId));

      expect(await markSent(row.id, 'm1')).toBeUndefined();
      expect(await outbox.release(row.id, 'x')).toBeUndefined();
      const claimed = await claim(row.id);
      expect(claimed).toEqual({
        ...(await outbox.findById(projectId, row.id)),
        status: 'sending',
        attempts: 1,
        sending_at: expect.any(Date),
        suppressed: false,
      });
      const reclaimed = await claim(row.id);
      expect(reclaimed).toMatchObject({ status: 'sending', attempts: 2 });

      const released = await outbox.release(row.id, 'SMTP 421');
      expect(released).toMatchObject({ status: 'pending', attempts: 2, last_error: 'SMTP 421' });
      expect(await claim(row.id)).toMatchObject({ status: 'sending', attempts: 3 });
      const sent = await markSent(row.id, '<m1@smtp>');
      expect(sent).toMatchObject({ status: 'sent', message_id: '<m1@smtp>', sent_at: expect.any(Date) });
      expect(await claim(row.id)).toBeUndefined();
      expect(await outbox.markFailed(row.id, 'late')).toBeUndefined();
      expect(await outbox.markSkipped(row.id, 'late')).toBeUndefined();
      expect(await outbox.release(row.id, 'late')).toBeUndefined();
      expect(await outbox.findByIdUnscoped(row.id)).toEqual(sent);

      const { row: failing } = await insert(email(projectId));
      await claim(failing.id);
      expect(await outbox.markFailed(failing.id, '550 no such user')).toMatchObject({
        status: 'failed',
        last_error: '550 no such user',
      });
      expect(await claim(failing.id)).toBeUndefined();

      const { row: skipped } = await insert(email(projectId));
      expect(await outbox.markSkipped(skipped.id, 'suppressed')).toMatchObject({
        status: 'skipped',
        skip_reason: 'suppressed',
        attempts: 0,
      });
      expect(await claim(skipped.id)).toBeUndefined();
      expect(await markSent(skipped.id, 'm')).toBeUndefined();
      expect(await claim(randomUUID())).toBeUndefined();
    });

    it('caps the frequency: a recent row of the kind to the recipient counts, unless skipped or failed', async () => {
      const projectId = await project();
      const to = 'user@customer.io';
      const capped = () => cappedFor(projectId, to, at(-72));
      expect(await capped()).toBe(false);

      const old = await insert(email(projectId));
      await createdAt('email_outbox', old.row.id, at(-73));
      await insert(email(projectId, { kind: 'csm_alert' }));
      await insert(email(projectId, { recipient: 'other@customer.io' }));
      const skipped = await insert(email(projectId));
      await outbox.markSkipped(skipped.row.id, 'suppressed');
      const failed = await insert(email(projectId));
      await outbox.markFailed(failed.row.id, '550');
      for (const id of [skipped.row.id, failed.row.id]) await createdAt('email_outbox', id, at(-1));
      expect(await capped()).toBe(false);

      const recent = await insert(email(projectId));
      await createdAt('email_outbox', recent.row.id, at(-72));
      expect(await capped()).toBe(true);
      await claim(recent.row.id);
      await markSent(recent.row.id, 'm');
      expect(await capped()).toBe(true);
      expect(await cappedFor(projectId, to, at(-71))).toBe(false);
      expect(await cappedFor(await project(), to, at(-72))).toBe(false);
    });

    it('writes many at once: suppression first, then the cap (earlier emails of the call count), then the skip reason', async () => {
      const projectId = await project();
      await suppressions.add(projectId, 'gone@customer.io', 'unsubscribed');
      const cap = { since: at(-24), reason: 'capped' };
      const batch: OutboxWrite[] = [
        email(projectId, { recipient: 'ann@customer.io', cap }),
        email(projectId, { recipient: 'ann@customer.io', cap }),
        email(projectId, { recipient: 'ann@customer.io', kind: 'csm_alert' }),
        email(projectId, { recipient: 'bob@customer.io', cap, skipReason: 'no content' }),
        email(projectId, { recipient: 'bob@customer.io', cap }),
        email(projectId, { recipient: 'Gone@Customer.io', cap, skipReason: 'no content' }),
        email(projectId, { recipient: 'gone@customer.io', kind: 'csm_alert' }),
      ];
      const written = await outbox.write(batch);
      expect(
        written.map((w) => !(w instanceof Error) && [w.created, w.row.status, w.row.skip_reason]),
      ).toEqual([
        [true, 'pending', null],
        [true, 'skipped', 'capped'],
        [true, 'pending', null],
        [true, 'skipped', 'no content'],
        [true, 'pending', null],
        [true, 'skipped', SUPPRESSED],
        [true, 'skipped', SUPPRESSED],
      ]);

      // Written once: the same ids again, and an id twice in one call, return the stored rows.
      const again = await outbox.write([batch[1], batch[0], batch[0]]);
      expect(again).toEqual([
        { created: false, row: (written[1] as { row: unknown }).row },
        { created: false, row: (written[0] as { row: unknown }).row },
        { created: false, row: (written[0] as { row: unknown }).row },
      ]);
      const twice = email(projectId, { recipient: 'cy@customer.io', cap });
      const [first, second] = await outbox.write([twice, { ...twice, subject: 'other' }]);
      expect([first, second]).toMatchObject([
        { created: true, row: { id: twice.id, status: 'pending' } },
        { created: false, row: { id: twice.id, status: 'pending' } },
      ]);
      expect(await outbox.findById(projectId, twice.id)).toMatchObject({ subject: 'Export your reports' });

      // Another project's id fails that email alone.
      const [mine, theirs] = await outbox.write([
        email(projectId, { recipient: 'dee@customer.io' }),
        email(await project(), { id: batch[0].id }),
      ]);
      expect(mine).toMatchObject({ created: true, row: { status: 'pending' } });
      expect(theirs).toEqual(conflict);
    });

    it('lets one of two concurrent writers pass the cap', async () => {
      const projectId = await project();
      const cap = { since: at(-24), reason: 'capped' };
      const results = await Promise.all(
        Array.from({ length: 6 }, () => outbox.write([email(projectId, { cap })])),
      );
      const statuses = results.flat().map((w) => !(w instanceof Error) && w.row.status);
      expect(statuses.filter((s) => s === 'pending')).toHaveLength(1);
      expect(statuses.filter((s) => s === 'skipped')).toHaveLength(5);
    });

    it('claims and marks sent many rows in one statement, never both to one row', async () => {
      const projectId = await project();
      const rows = await Promise.all([1, 2, 3].map(async () => (await insert(email(projectId))).row));
      const [a, b, c] = rows.map((r) => r.id);
      const done = await insert(email(projectId));
      await outbox.markSkipped(done.row.id, 'capped');
      const claimed = await outbox.advance({ claim: [a, b, c, done.row.id, randomUUID()] });
      expect(claimed.map((r) => r.id).sort()).toEqual([a, b, c].sort());

      const retaken = await outbox.advance({
        sent: [
          { id: a, messageId: '<a@smtp>' },
          { id: c, messageId: '<c@smtp>' },
          { id: done.row.id, messageId: '<x@smtp>' },
        ],
        claim: [b, a],
      });
      expect(retaken).toEqual([expect.objectContaining({ id: b, status: 'sending', attempts: 2 })]);
      const state = async (id: string) => {
        const row = await outbox.findById(projectId, id);
        return [row?.status, row?.message_id, row?.attempts];
      };
      expect(await state(a)).toEqual(['sent', '<a@smtp>', 1]);
      expect(await state(b)).toEqual(['sending', null, 2]);
      expect(await state(c)).toEqual(['sent', '<c@smtp>', 1]);
      expect(await state(done.row.id)).toEqual(['skipped', null, 0]);
    });

    it('shows a suppression in the claim and in new rows, whatever the case', async () => {
      const projectId = await project();
      const { row } = await insert(email(projectId, { recipient: 'Dee@Customer.io' }));
      expect(row.status).toBe('pending');
      await suppressions.add(projectId, 'dee@customer.io', 'unsubscribed');
      expect(await suppressedFor(projectId, 'Dee@Customer.io')).toBe(true);
      expect(await suppressedFor(await project(), 'dee@customer.io')).toBe(false);
      expect(await claim(row.id)).toMatchObject({ status: 'sending', suppressed: true });
    });

    it('lists a project’s rows newest first, a page at a time, with filters', async () => {
      const projectId = await project();
      const ids: string[] = [];
      for (let h = 0; h < 5; h++) {
        const { row } = await insert(email(projectId, { recipient: h % 2 ? 'odd@x.io' : 'even@x.io' }));
        await createdAt('email_outbox', row.id, at(h));
        ids.push(row.id);
      }
      const tie = await insert(email(projectId));
      await createdAt('email_outbox', tie.row.id, at(4));
      await outbox.markSkipped(ids[1], 'capped');

      const all = await outbox.list(projectId, { limit: 100 });
      expect(all.map((r) => r.created_at)).toEqual([at(4), at(4), at(3), at(2), at(1), at(0)]);
      const [first, second] = all;
      expect(first.id > second.id).toBe(true);

      const pages: string[][] = [];
      let before: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const page = await outbox.list(projectId, { limit: 4, before });
        if (page.length === 0) break;
        pages.push(page.map((r) => r.id));
        const last = page[page.length - 1];
        before = { createdAt: last.created_at, id: last.id };
      }
      expect(pages.map((p) => p.length)).toEqual([4, 2]);
      expect(pages.flat()).toEqual(all.map((r) => r.id));

      expect((await outbox.list(projectId, { recipient: 'odd@x.io', limit: 100 })).map((r) => r.id)).toEqual([
        ids[3],
        ids[1],
      ]);
      expect(await outbox.list(projectId, { status: 'skipped', limit: 100 })).toMatchObject([
        { id: ids[1], skip_reason: 'capped' },
      ]);
      expect(await outbox.findById(projectId, ids[0])).toEqual(all[5]);
    });
  });

  describe('suppressions', () => {
    it('suppresses an address whatever its case, once, keeping the first reason', async () => {
      const projectId = await project();
      expect(await suppressedFor(projectId, 'ann@customer.io')).toBe(false);
      const first = await suppressions.add(projectId, 'Ann@Customer.IO', 'unsubscribed');
      expect(first).toEqual({
        project_id: projectId,
        email: 'ann@customer.io',
        reason: 'unsubscribed',
        created_at: expect.any(Date),
      });
      expect(await suppressions.add(projectId, 'ann@customer.io', 'bounced')).toEqual(first);
      await Promise.all([
        suppressions.add(projectId, 'bob@customer.io', 'bounced'),
        suppressions.add(projectId, 'BOB@customer.io', 'bounced'),
      ]);
      expect(await suppressedFor(projectId, 'ann@customer.io')).toBe(true);
      expect(await suppressedFor(projectId, 'ANN@CUSTOMER.IO')).toBe(true);
      expect(await suppressedFor(projectId, 'cy@customer.io')).toBe(false);
      expect((await suppressions.list(projectId)).map((s) => [s.email, s.reason])).toEqual([
        ['ann@customer.io', 'unsubscribed'],
        ['bob@customer.io', 'bounced'],
      ]);
    });
  });

  it('never shows one project’s tasks, templates, content, outbox or suppressions to another', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const other = await project();
    const task = await tasks.create(newTask(projectId, ruleId, 'acme'), created);
    const template = await templates.create(projectId, randomUUID(), {
      name: 'welcome',
      subject: 's',
      html: 'h',
      text: 't',
    });
    const piece = await content.create(projectId, randomUUID(), {
      key: 'k',
      title: 't',
      url: 'u',
      summary: 's',
    });
    const { row } = await insert({
      id: randomUUID(),
      projectId,
      kind: 'csm_alert',
      recipient: 'csm@vendor.io',
      subject: 's',
      html: 'h',
      text: 't',
    });
    await suppressions.add(projectId, 'ann@customer.io', 'bounced');
    const entry = { actor: 'intruder', change: {} };

    expect(await tasks.findLive(other, 'acme', ruleId)).toBeUndefined();
    expect(await tasks.findById(other, task.id)).toBeUndefined();
    expect(await tasks.list(other, { limit: 10 })).toEqual([]);
    expect(await tasks.timeline(other, task.id)).toEqual([]);
    expect(await tasks.update(other, task.id, { status: 'done' }, entry)).toBeUndefined();
    expect(await tasks.addSignal(other, task.id, randomUUID(), entry)).toBeUndefined();
    expect(await tasks.forDigest(other, 'csm@vendor.io', at(-1000), at(1000))).toEqual({
      created: [],
      overdue: [],
    });
    expect(await tasks.assignees(other)).toEqual([]);
    await tasks.update(projectId, task.id, { status: 'dismissed', quietUntil: at(1000) }, created);
    expect(await tasks.findQuieting(other, 'acme', ruleId, T0)).toBeUndefined();
    expect(await tasks.timeline(projectId, task.id)).toHaveLength(2);
    // The other project may have a live task of its own for the same account (and a rule of the same id).
    await tasks.create(newTask(other, null, 'acme'), created);

    expect(await templates.list(other)).toEqual([]);
    expect(await templates.findByName(other, 'welcome')).toBeUndefined();
    expect(await templates.findById(other, template.id)).toBeUndefined();
    expect(await templates.update(other, template.id, { subject: 'x' })).toBeUndefined();
    expect(await templates.delete(other, template.id)).toBe(false);
    expect(await content.list(other)).toEqual([]);
    expect(await content.findByKey(other, 'k')).toBeUndefined();
    expect(await content.findById(other, piece.id)).toBeUndefined();
    expect(await content.update(other, piece.id, { title: 'x' })).toBeUndefined();
    expect(await content.delete(other, piece.id)).toBe(false);
    expect(await outbox.list(other, { limit: 10 })).toEqual([]);
    expect(await outbox.findById(other, row.id)).toBeUndefined();
    expect(await cappedFor(other, 'csm@vendor.io', at(-1000))).toBe(false);
    expect(await suppressedFor(other, 'ann@customer.io')).toBe(false);
    expect(await suppressions.list(other)).toEqual([]);

    // And all of it goes with its project.
    await db.deleteFrom('projects').where('id', '=', projectId).execute();
    expect(await tasks.list(projectId, { limit: 10 })).toEqual([]);
    expect(await db.selectFrom('task_events').select('id').where('task_id', '=', task.id).execute()).toEqual(
      [],
    );
    expect(await templates.list(projectId)).toEqual([]);
    expect(await content.list(projectId)).toEqual([]);
    expect(await outbox.findByIdUnscoped(row.id)).toBeUndefined();
    expect(await suppressions.list(projectId)).toEqual([]);
  });
});
