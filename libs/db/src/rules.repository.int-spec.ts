import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import { DomainError } from '@bindery/contracts';
import { migrateDatabase } from './database';
import { AccountHealthRepository } from './repositories/account-health.repository';
import { RuleRunRepository } from './repositories/rule-run.repository';
import { RuleWatermarkRepository } from './repositories/rule-watermark.repository';
import { type NewRule, RuleRepository } from './repositories/rule.repository';
import { type NewSignal, SignalRepository } from './repositories/signal.repository';
import { insertProject, stores } from './stores.spec-helper';
import { type Database } from './schema';
import { nth } from '@bindery/testing';

const conflict = expect.objectContaining({ code: 'conflict' }) as DomainError;
const HOUR = 3_600_000;
const T0 = new Date('2024-05-06T12:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const newRule = (projectId: string, name: string, overrides: Partial<NewRule> = {}): NewRule => ({
  id: randomUUID(),
  projectId,
  name,
  type: 'inactivity',
  scope: 'account',
  params: { days: 14, lookbackDays: 60, keyEvents: ['Report Exported'] },
  cooldownHours: 24,
  enabled: true,
  ...overrides,
});

describe.each(stores)('rules storage on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let rules: RuleRepository;
  let signals: SignalRepository;
  let runs: RuleRunRepository;
  let watermarks: RuleWatermarkRepository;
  let health: AccountHealthRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    rules = new RuleRepository(db);
    signals = new SignalRepository(db);
    runs = new RuleRunRepository(db);
    watermarks = new RuleWatermarkRepository(db);
    health = new AccountHealthRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const project = () => insertProject(db);

  /** A project with one account-scoped rule. */
  async function projectWithRule(): Promise<{ projectId: string; ruleId: string }> {
    const projectId = await project();
    const rule = await rules.create(newRule(projectId, 'Gone quiet'));
    return { projectId, ruleId: rule.id };
  }

  const signal = (
    projectId: string,
    ruleId: string,
    account: string,
    periodKey: string,
    overrides: Partial<NewSignal> = {},
  ): NewSignal => ({
    id: randomUUID(),
    projectId,
    ruleId,
    ruleVersion: 1,
    subjectKey: `account:${account}`,
    userId: null,
    accountId: account,
    periodKey,
    details: { quietDays: 15 },
    ...overrides,
  });

  describe('rules', () => {
    it('creates a rule at version 1 with no actions, and reads it back as written', async () => {
      const projectId = await project();
      const input = newRule(projectId, 'Gone quiet');
      const created = await rules.create(input);
      expect(created).toEqual({
        id: input.id,
        project_id: projectId,
        name: 'Gone quiet',
        type: 'inactivity',
        scope: 'account',
        params: { days: 14, lookbackDays: 60, keyEvents: ['Report Exported'] },
        actions: [],
        cooldown_hours: 24,
        enabled: true,
        holdout_pct: 0,
        goal: null,
        version: 1,
        created_at: expect.any(Date),
        updated_at: expect.any(Date),
      });
      expect(await rules.findById(projectId, input.id)).toEqual(created);
    });

    it('lists a project’s rules by name, and the enabled ones for the worker', async () => {
      const projectId = await project();
      await rules.createMany([
        newRule(projectId, 'usage drop', { actions: [{ kind: 'task', severity: 'high' }] }),
        newRule(projectId, 'gone quiet', { enabled: false }),
        newRule(projectId, 'champion left', { scope: 'user' }),
      ]);
      expect((await rules.findByProject(projectId)).map((r) => r.name)).toEqual([
        'champion left',
        'gone quiet',
        'usage drop',
      ]);
      const enabled = await rules.findEnabledByProject(projectId);
      expect(enabled.map((r) => r.name)).toEqual(['champion left', 'usage drop']);
      expect(enabled[1]?.actions).toEqual([{ kind: 'task', severity: 'high' }]);
      expect(await rules.createMany([])).toEqual([]);
    });

    it('updates the given fields and bumps version and updated_at on every change', async () => {
      const projectId = await project();
      const created = await rules.create(newRule(projectId, 'Gone quiet'));

      const v2 = await rules.update(projectId, created.id, {
        params: { days: 30, lookbackDays: 60 },
        cooldownHours: 48,
      });
      expect(v2).toEqual({
        ...created,
        params: { days: 30, lookbackDays: 60 },
        cooldown_hours: 48,
        version: 2,
        updated_at: expect.any(Date),
      });
      expect(v2!.updated_at.getTime()).toBeGreaterThanOrEqual(created.updated_at.getTime());

      const v3 = await rules.update(projectId, created.id, { enabled: false, name: 'Quiet' });
      expect(v3).toMatchObject({
        name: 'Quiet',
        enabled: false,
        params: { days: 30, lookbackDays: 60 },
        version: 3,
      });
      expect(await rules.findById(projectId, created.id)).toEqual(v3);
      expect(await rules.update(projectId, randomUUID(), { enabled: true })).toBeUndefined();
    });

    it('refuses a duplicate name in a project as a Conflict, on create, createMany and rename', async () => {
      const a = await project();
      const b = await project();
      const free = await rules.create(newRule(a, 'Free'));
      await rules.create(newRule(a, 'Taken'));

      await expect(rules.create(newRule(a, 'Taken'))).rejects.toEqual(conflict);
      await expect(rules.create(newRule(a, 'Taken'))).rejects.toBeInstanceOf(DomainError);
      await expect(rules.createMany([newRule(a, 'New'), newRule(a, 'Taken')])).rejects.toEqual(conflict);
      await expect(rules.createMany([newRule(a, 'Twice'), newRule(a, 'Twice')])).rejects.toEqual(conflict);
      await expect(rules.update(a, free.id, { name: 'Taken' })).rejects.toEqual(conflict);

      expect((await rules.findByProject(a)).map((r) => r.name)).toEqual(['Free', 'Taken']);
      expect(await rules.findById(a, free.id)).toMatchObject({ name: 'Free', version: 1 });
      await rules.create(newRule(b, 'Taken'));
    });

    it('keeps other failures as they are: a rule of an unknown project is no Conflict', async () => {
      await expect(rules.create(newRule(randomUUID(), 'Orphan'))).rejects.toMatchObject({ code: '23503' });
    });

    it('creates a default pack inside the caller’s transaction, and none when it rolls back', async () => {
      const projectId = await project();
      await expect(
        db.transaction().execute(async (trx) => {
          await rules.createMany([newRule(projectId, 'one'), newRule(projectId, 'two')], trx);
          expect(
            await trx.selectFrom('rules').where('project_id', '=', projectId).select('id').execute(),
          ).toHaveLength(2);
          throw new Error('project creation failed later');
        }),
      ).rejects.toThrow('project creation failed later');
      expect(await rules.findByProject(projectId)).toEqual([]);

      await db.transaction().execute((trx) => rules.createMany([newRule(projectId, 'one')], trx));
      expect(await rules.findByProject(projectId)).toHaveLength(1);
    });

    it('deletes a rule of its project only, with its signals and watermarks', async () => {
      const { projectId, ruleId } = await projectWithRule();
      const other = await project();
      await signals.insertNew([signal(projectId, ruleId, 'acme', 'p1')], 24, T0);
      await watermarks.set(ruleId, 1, T0);

      expect(await rules.delete(other, ruleId)).toBe(false);
      expect(await rules.findById(projectId, ruleId)).toBeDefined();
      expect(await rules.delete(projectId, ruleId)).toBe(true);
      expect(await rules.findById(projectId, ruleId)).toBeUndefined();
      expect(await rules.delete(projectId, ruleId)).toBe(false);
      expect(await signals.list(projectId, { limit: 10 })).toEqual([]);
      expect(await watermarks.get(ruleId, 1)).toBeUndefined();
    });
  });

  describe('signals', () => {
    it('inserts new signals once: a repeat of (rule, subject, period) is skipped', async () => {
      const { projectId, ruleId } = await projectWithRule();
      const first = signal(projectId, ruleId, 'acme', '2024-W19', {
        userId: 'u1',
        details: { quietDays: 15, nested: { list: [1, 2] } },
      });
      const inserted = await signals.insertNew(
        [first, signal(projectId, ruleId, 'globex', '2024-W19')],
        0,
        T0,
      );
      expect(inserted).toHaveLength(2);
      expect(inserted.find((s) => s.account_id === 'acme')).toEqual({
        id: first.id,
        rule_id: ruleId,
        subject_key: 'account:acme',
        user_id: 'u1',
        account_id: 'acme',
        period_key: '2024-W19',
        held_out: false,
        created_at: T0,
      });
      expect((await signals.findMany([{ projectId, id: first.id }]))[0]).toEqual({
        id: first.id,
        project_id: projectId,
        rule_id: ruleId,
        rule_version: 1,
        subject_key: 'account:acme',
        user_id: 'u1',
        account_id: 'acme',
        period_key: '2024-W19',
        details: { quietDays: 15, nested: { list: [1, 2] } },
        held_out: false,
        created_at: T0,
        resolved_at: null,
        resolution: null,
      });

      // The same natural key under another id, and the same id again, a week later: nothing new.
      const again = await signals.insertNew(
        [
          signal(projectId, ruleId, 'acme', '2024-W19'),
          { ...first },
          signal(projectId, ruleId, 'acme', '2024-W19'),
        ],
        0,
        at(24 * 7),
      );
      expect(again).toEqual([]);
      expect(await signals.list(projectId, { limit: 10 })).toHaveLength(2);
      expect(await signals.insertNew([], 24, T0)).toEqual([]);
    });

    it('skips a new period within the cooldown, and inserts it once the cooldown has passed', async () => {
      const { projectId, ruleId } = await projectWithRule();
      expect(await signals.insertNew([signal(projectId, ruleId, 'acme', 'd1')], 24, T0)).toHaveLength(1);

      expect(await signals.insertNew([signal(projectId, ruleId, 'acme', 'd2')], 24, at(23))).toEqual([]);
      // Another subject, and another rule for the same subject, have cooldowns of their own.
      const other = await rules.create(newRule(projectId, 'Usage drop'));
      expect(
        await signals.insertNew(
          [signal(projectId, ruleId, 'globex', 'd2'), signal(projectId, other.id, 'acme', 'd2')],
          24,
          at(23),
        ),
      ).toHaveLength(2);

      const later = await signals.insertNew([signal(projectId, ruleId, 'acme', 'd2')], 24, at(24.5));
      expect(later).toMatchObject([{ subject_key: 'account:acme', period_key: 'd2', created_at: at(24.5) }]);
      // A period already signalled stays signalled, cooldown or not.
      expect(await signals.insertNew([signal(projectId, ruleId, 'acme', 'd1')], 24, at(100))).toEqual([]);
    });

    it('within one call, counts only a subject’s first new period against the cooldown', async () => {
      const { projectId, ruleId } = await projectWithRule();
      await signals.insertNew([signal(projectId, ruleId, 'acme', 'd1')], 24, T0);

      const inserted = await signals.insertNew(
        [
          signal(projectId, ruleId, 'acme', 'd1'), // stored a long time ago: no new signal
          signal(projectId, ruleId, 'acme', 'd5'),
          signal(projectId, ruleId, 'acme', 'd6'), // within the cooldown of d5
          signal(projectId, ruleId, 'globex', 'd6'),
        ],
        24,
        at(120),
      );
      expect(inserted.map((s) => `${s.subject_key} ${s.period_key}`).sort()).toEqual([
        'account:acme d5',
        'account:globex d6',
      ]);

      // Without a cooldown, every new period counts.
      const { projectId: p2, ruleId: r2 } = await projectWithRule();
      const all = await signals.insertNew(
        [signal(p2, r2, 'acme', 'd1'), signal(p2, r2, 'acme', 'd2'), signal(p2, r2, 'acme', 'd1')],
        0,
        T0,
      );
      expect(all.map((s) => s.period_key).sort()).toEqual(['d1', 'd2']);
    });

    it('inserts thousands of rows in chunks, and each once when two calls race with the same rows', async () => {
      const { projectId, ruleId } = await projectWithRule();
      const rows = Array.from({ length: 2500 }, (_, i) => signal(projectId, ruleId, `acct-${i}`, 'd1'));
      const sameKeysOtherIds = rows.map((r) => ({ ...r, id: randomUUID() }));

      const [a, b] = await Promise.all([
        signals.insertNew(rows, 24, T0),
        signals.insertNew(sameKeysOtherIds, 24, T0),
      ]);
      expect(a.length + b.length).toBe(2500);
      expect(new Set([...a, ...b].map((s) => s.subject_key)).size).toBe(2500);
      const stored = await db
        .selectFrom('signals')
        .select(db.fn.countAll().as('n'))
        .where('project_id', '=', projectId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(2500);

      const [c, d] = await Promise.all([
        signals.insertNew(rows, 0, at(1)),
        signals.insertNew(rows, 0, at(1)),
      ]);
      expect([...c, ...d]).toEqual([]);
    });

    it('lists signals newest first, a page at a time, with filters', async () => {
      const { projectId, ruleId } = await projectWithRule();
      const userRule = await rules.create(newRule(projectId, 'Champion left', { scope: 'user' }));
      // Six account signals an hour apart, two sharing a created_at (ties are broken by id).
      for (let h = 0; h < 5; h++) {
        await signals.insertNew([signal(projectId, ruleId, `a${h}`, 'd1')], 0, at(h));
      }
      await signals.insertNew([signal(projectId, ruleId, 'a4', 'd2')], 0, at(4));
      await signals.insertNew(
        [
          signal(projectId, userRule.id, 'a1', 'd1', { subjectKey: 'user:u1', userId: 'u1' }),
          signal(projectId, userRule.id, 'a2', 'd1', { subjectKey: 'user:u2', userId: 'u2' }),
        ],
        0,
        at(10),
      );

      const all = await signals.list(projectId, { limit: 100 });
      expect(all).toHaveLength(8);
      const order = [...all].sort(
        (x, y) => y.created_at.getTime() - x.created_at.getTime() || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0),
      );
      expect(all).toEqual(order);

      const pages: string[][] = [];
      let before: { createdAt: Date; id: string } | undefined;
      for (;;) {
        const page = await signals.list(projectId, { limit: 3, before });
        if (page.length === 0) break;
        pages.push(page.map((s) => s.id));
        const last = nth(page, -1);
        before = { createdAt: last.created_at, id: last.id };
      }
      expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
      expect(pages.flat()).toEqual(all.map((s) => s.id));

      expect((await signals.list(projectId, { ruleId, limit: 100 })).map((s) => s.account_id)).toEqual([
        ...all.filter((s) => s.rule_id === ruleId).map((s) => s.account_id),
      ]);
      expect(
        (await signals.list(projectId, { accountId: 'a4', limit: 100 })).map((s) => s.period_key).sort(),
      ).toEqual(['d1', 'd2']);
      expect(await signals.list(projectId, { userId: 'u2', limit: 100 })).toMatchObject([
        { subject_key: 'user:u2' },
      ]);
      expect((await signals.list(projectId, { since: at(4), limit: 100 })).map((s) => s.created_at)).toEqual([
        at(10),
        at(10),
        at(4),
        at(4),
      ]);
      expect(
        await signals.list(projectId, {
          accountId: 'a1',
          userId: 'u1',
          ruleId: userRule.id,
          since: at(5),
          limit: 1,
        }),
      ).toMatchObject([{ subject_key: 'user:u1', account_id: 'a1' }]);
    });

    it('counts each account’s signals open at an instant: created before it, not resolved before it', async () => {
      const { projectId, ruleId } = await projectWithRule();
      const inserted = [
        ...(await signals.insertNew(
          [signal(projectId, ruleId, 'acme', 'd1'), signal(projectId, ruleId, 'globex', 'd1')],
          0,
          T0,
        )),
        ...(await signals.insertNew([signal(projectId, ruleId, 'acme', 'd2')], 0, at(48))),
      ].sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || (a.account_id === 'acme' ? -1 : 1));
      const [acme1, acme2] = [nth(inserted, 0), nth(inserted, 2)];
      await signals.insertNew(
        [signal(projectId, ruleId, 'n/a', 'd2', { subjectKey: 'user:u9', userId: 'u9', accountId: null })],
        0,
        at(48),
      );
      // acme's first signal is resolved at +24 h, its second at +72 h.
      for (const [s, hours] of [
        [acme1, 24],
        [acme2, 72],
      ] as const) {
        await db
          .updateTable('signals')
          .set({ resolved_at: at(hours), resolution: 'cleared' })
          .where('id', '=', s.id)
          .execute();
      }

      expect(await signals.countOpenByAccount(projectId, T0)).toEqual(new Map());
      expect(await signals.countOpenByAccount(projectId, at(1))).toEqual(
        new Map([
          ['acme', 1],
          ['globex', 1],
        ]),
      );
      // Resolved at +24 h exactly: not resolved *before* that instant, so it still counts at it.
      expect(await signals.countOpenByAccount(projectId, at(24))).toEqual(
        new Map([
          ['acme', 1],
          ['globex', 1],
        ]),
      );
      expect(await signals.countOpenByAccount(projectId, at(25))).toEqual(new Map([['globex', 1]]));
      expect(await signals.countOpenByAccount(projectId, at(49))).toEqual(
        new Map([
          ['acme', 1],
          ['globex', 1],
        ]),
      );
      expect(await signals.countOpenByAccount(projectId, at(73))).toEqual(new Map([['globex', 1]]));
    });
  });

  describe('rule runs', () => {
    it('goes from queued to running to done, with its counts', async () => {
      const projectId = await project();
      const id = randomUUID();
      expect(await runs.create({ id, projectId, trigger: 'manual' })).toEqual({
        id,
        project_id: projectId,
        status: 'queued',
        trigger: 'manual',
        counts: {},
        error: null,
        created_at: expect.any(Date),
        started_at: null,
        finished_at: null,
      });
      expect(await runs.finish(id, { rules: 1 })).toBeUndefined();

      expect(await runs.start(id)).toMatchObject({ status: 'running', started_at: expect.any(Date) });
      expect(await runs.start(id)).toMatchObject({ status: 'running' });
      const done = await runs.finish(id, { rules: 3, signals: 12 });
      expect(done).toMatchObject({
        status: 'done',
        counts: { rules: 3, signals: 12 },
        finished_at: expect.any(Date),
      });
      expect(await runs.findById(projectId, id)).toEqual(done);

      expect(await runs.start(id)).toBeUndefined();
      expect(await runs.fail(id, 'too late')).toBeUndefined();
      expect(await runs.findById(projectId, id)).toEqual(done);
    });

    it('fails with the reason, and stays failed', async () => {
      const projectId = await project();
      const id = randomUUID();
      await runs.create({ id, projectId, trigger: 'schedule' });
      await runs.start(id);
      const failed = await runs.fail(id, 'ClickHouse unavailable');
      expect(failed).toMatchObject({
        status: 'failed',
        error: 'ClickHouse unavailable',
        trigger: 'schedule',
      });
      expect(await runs.finish(id, {})).toBeUndefined();
      expect(await runs.findById(projectId, id)).toEqual(failed);
      expect(await runs.start(randomUUID())).toBeUndefined();
    });
  });

  describe('watermarks', () => {
    it('keeps one watermark per rule version, replaced on set', async () => {
      const { ruleId } = await projectWithRule();
      expect(await watermarks.get(ruleId, 1)).toBeUndefined();
      await watermarks.set(ruleId, 1, T0);
      expect(await watermarks.get(ruleId, 1)).toEqual(T0);
      await watermarks.set(ruleId, 1, at(6));
      expect(await watermarks.get(ruleId, 1)).toEqual(at(6));
      expect(await watermarks.get(ruleId, 2)).toBeUndefined();
      await watermarks.set(ruleId, 2, at(1));
      expect(await watermarks.get(ruleId, 2)).toEqual(at(1));
      expect(await watermarks.get(ruleId, 1)).toEqual(at(6));
    });
  });

  describe('account health', () => {
    it('upserts a day’s scores and reads days back as YYYY-MM-DD strings', async () => {
      const projectId = await project();
      await health.upsertMany(projectId, '2024-05-05', [
        { accountId: 'acme', score: 80, components: { usage: 0.9 }, abc: 'A' },
        { accountId: 'globex', score: 40, components: { usage: 0.2 }, abc: null },
      ]);
      await health.upsertMany(projectId, '2024-05-06', [
        { accountId: 'acme', score: 70, components: { usage: 0.7 }, abc: 'B' },
      ]);
      // The same day again replaces it.
      await health.upsertMany(projectId, '2024-05-06', [
        { accountId: 'acme', score: 65, components: { usage: 0.6, seats: 3 }, abc: 'C' },
      ]);
      await health.upsertMany(projectId, '2024-05-07', []);

      expect(await health.latest(projectId, ['acme', 'globex', 'initech'])).toEqual(
        new Map([
          ['acme', { day: '2024-05-06', score: 65, components: { usage: 0.6, seats: 3 }, abc: 'C' }],
          ['globex', { day: '2024-05-05', score: 40, components: { usage: 0.2 }, abc: null }],
        ]),
      );
      expect(await health.latest(projectId, ['globex'])).toEqual(
        new Map([['globex', { day: '2024-05-05', score: 40, components: { usage: 0.2 }, abc: null }]]),
      );
      expect(await health.latest(projectId, [])).toEqual(new Map());

      expect(await health.history(projectId, 'acme', '2024-05-01')).toEqual([
        { day: '2024-05-05', score: 80, components: { usage: 0.9 }, abc: 'A' },
        { day: '2024-05-06', score: 65, components: { usage: 0.6, seats: 3 }, abc: 'C' },
      ]);
      expect(await health.history(projectId, 'acme', '2024-05-06')).toHaveLength(1);
      const day = (iso: string) => Date.parse(iso) / 86_400_000;
      expect(await health.dropScores(projectId, day('2024-05-01'), day('2024-05-06'))).toEqual(
        new Map([
          [
            'acme',
            [
              { day: day('2024-05-05'), score: 80 },
              { day: day('2024-05-06'), score: 65 },
            ],
          ],
        ]),
      );
      expect(await health.dropScores(projectId, day('2024-05-01'), day('2024-05-05'))).toEqual(
        new Map([
          ['acme', [{ day: day('2024-05-05'), score: 80 }]],
          ['globex', [{ day: day('2024-05-05'), score: 40 }]],
        ]),
      );
    });

    it('stores a few thousand accounts in one call, and refuses a score out of 0-100', async () => {
      const projectId = await project();
      const rows = Array.from({ length: 2300 }, (_, i) => ({
        accountId: `acct-${i}`,
        score: i % 101,
        components: {},
        abc: null,
      }));
      await health.upsertMany(projectId, '2024-05-06', rows);
      const may6 = Date.parse('2024-05-06') / 86_400_000;
      expect((await health.dropScores(projectId, may6 - 14, may6)).size).toBe(2300);
      expect((await health.latest(projectId, ['acct-0', 'acct-2299'])).get('acct-2299')).toMatchObject({
        score: 77,
      });
      await expect(
        health.upsertMany(projectId, '2024-05-07', [
          { accountId: 'x', score: 101, components: {}, abc: null },
        ]),
      ).rejects.toMatchObject({ code: '23514' });
    });
  });

  it('never shows one project’s rules, signals, runs or health to another', async () => {
    const { projectId, ruleId } = await projectWithRule();
    const other = await project();
    await signals.insertNew([signal(projectId, ruleId, 'acme', 'd1')], 24, T0);
    const runId = randomUUID();
    await runs.create({ id: runId, projectId, trigger: 'manual' });
    await health.upsertMany(projectId, '2024-05-06', [
      { accountId: 'acme', score: 50, components: {}, abc: 'B' },
    ]);

    expect(await rules.findByProject(other)).toEqual([]);
    expect(await rules.findEnabledByProject(other)).toEqual([]);
    expect(await rules.findById(other, ruleId)).toBeUndefined();
    expect(await rules.update(other, ruleId, { enabled: false })).toBeUndefined();
    expect(await rules.findById(projectId, ruleId)).toMatchObject({ enabled: true, version: 1 });
    expect(await signals.list(other, { limit: 10 })).toEqual([]);
    expect(await signals.list(other, { ruleId, limit: 10 })).toEqual([]);
    expect(await signals.countOpenByAccount(other, T0)).toEqual(new Map());
    expect(await runs.findById(other, runId)).toBeUndefined();
    expect(await health.latest(other, ['acme'])).toEqual(new Map());
    expect(await health.history(other, 'acme', '2024-01-01')).toEqual([]);
    expect(await health.dropScores(other, 0, Date.parse('2024-05-06') / 86_400_000)).toEqual(new Map());

    // And all of it goes with its project.
    await db.deleteFrom('projects').where('id', '=', projectId).execute();
    expect(await rules.findByProject(projectId)).toEqual([]);
    expect(await signals.list(projectId, { limit: 10 })).toEqual([]);
    expect(await runs.findById(projectId, runId)).toBeUndefined();
    expect(await health.latest(projectId, ['acme'])).toEqual(new Map());
  });
});
