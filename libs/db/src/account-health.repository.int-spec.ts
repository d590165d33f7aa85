import { randomUUID } from 'node:crypto';
import { type Kysely } from 'kysely';
import { migrateDatabase } from './database';
import { AccountHealthRepository, type HealthDays } from './repositories/account-health.repository';
import { RuleRepository } from './repositories/rule.repository';
import { SignalRepository } from './repositories/signal.repository';
import { insertProject, stores } from './stores.spec-helper';
import { type Database } from './schema';
import { nth } from '@bindery/testing';

const DAY = 86_400_000;
const D0 = Date.UTC(2024, 4, 6) / DAY;
const at = (day: number, hours = 0) => new Date((D0 + day) * DAY + hours * 3_600_000);

describe.each(stores)('account health history on $name', (store) => {
  let db: Kysely<Database>;
  let cleanup: () => Promise<void>;
  let health: AccountHealthRepository;
  let signals: SignalRepository;
  let rules: RuleRepository;

  beforeAll(async () => {
    ({ db, cleanup } = await store.open());
    await migrateDatabase(db);
    health = new AccountHealthRepository(db);
    signals = new SignalRepository(db);
    rules = new RuleRepository(db);
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  const score = (accountId: string, value: number) => ({
    accountId,
    score: value,
    components: { recency: value, activeShare: 100, breadth: 0, trend: 50, signals: 100 },
    abc: 'C' as const,
  });

  it('replaces a run of days and records what they were computed with', async () => {
    const projectId = await insertProject(db);
    expect(await health.basis(projectId)).toBeUndefined();
    await health.upsertMany(projectId, '2024-05-04', [score('acme', 10)]);
    await health.upsertMany(projectId, '2024-05-05', [score('acme', 20), score('gone', 5)]);

    await health.replaceDays(projectId, {
      days: [
        { day: '2024-05-05', rows: [score('acme', 50)] },
        { day: '2024-05-06', rows: [score('acme', 60), score('globex', 70)] },
      ],
      firstDay: '2024-05-05',
      lastDay: '2024-05-06',
      fingerprint: 'v1',
      scoredAt: new Date('2024-05-06T10:00:00Z'),
    });

    expect(await health.basis(projectId)).toEqual({
      fingerprint: 'v1',
      lastDay: '2024-05-06',
      scoredAt: new Date('2024-05-06T10:00:00Z'),
    });
    const scores = async (accountId: string) =>
      (await health.history(projectId, accountId, '2024-05-01')).map(({ day, score }) => ({ day, score }));
    expect(await scores('acme')).toEqual([
      { day: '2024-05-04', score: 10 },
      { day: '2024-05-05', score: 50 },
      { day: '2024-05-06', score: 60 },
    ]);
    // `gone` lost its score of a day replaced.
    expect(await scores('gone')).toEqual([]);

    await health.replaceDays(projectId, {
      days: [{ day: '2024-05-06', rows: [score('acme', 61)] }],
      firstDay: '2024-05-06',
      lastDay: '2024-05-06',
      fingerprint: 'v2',
      scoredAt: new Date('2024-05-06T11:00:00Z'),
    });
    expect(await health.basis(projectId)).toEqual({
      fingerprint: 'v2',
      lastDay: '2024-05-06',
      scoredAt: new Date('2024-05-06T11:00:00Z'),
    });
    expect(await health.history(projectId, 'acme', '2024-05-06')).toEqual([
      { day: '2024-05-06', score: 61, components: score('acme', 61).components, abc: 'C' },
    ]);
  });

  it('keeps each account’s newest score as the history is written, replaced and back-dated', async () => {
    const projectId = await insertProject(db);
    const latest = async () => Object.fromEntries(await health.latestScores(projectId));
    const days = (firstDay: string, lastDay: string, list: HealthDays['days']): HealthDays => ({
      days: list,
      firstDay,
      lastDay,
      fingerprint: 'x',
      scoredAt: new Date(),
    });
    await health.upsertMany(projectId, '2024-05-03', [score('old', 30), score('acme', 1)]);
    await health.upsertMany(projectId, '2024-05-04', [score('acme', 10), score('quits', 40)]);
    expect(await latest()).toEqual({
      old: { score: 30, abc: 'C' },
      acme: { score: 10, abc: 'C' },
      quits: { score: 40, abc: 'C' },
    });

    // quits is not scored on the replaced days, and loses 05-04: its newest is what is left (none).
    await health.replaceDays(
      projectId,
      days('2024-05-04', '2024-05-06', [
        { day: '2024-05-05', rows: [score('acme', 50), score('new', 70)] },
        { day: '2024-05-06', rows: [score('acme', 60)] },
      ]),
    );
    expect(await latest()).toEqual({
      old: { score: 30, abc: 'C' },
      acme: { score: 60, abc: 'C' },
      new: { score: 70, abc: 'C' },
    });

    // A back-dated run rewrites 05-03 and 05-05: acme keeps 05-06, new falls back to nothing newer than 05-03.
    await health.replaceDays(
      projectId,
      days('2024-05-03', '2024-05-05', [{ day: '2024-05-03', rows: [score('acme', 3), score('new', 33)] }]),
    );
    expect(await latest()).toEqual({
      acme: { score: 60, abc: 'C' },
      new: { score: 33, abc: 'C' },
    });
    expect(await health.latest(projectId, ['acme', 'new', 'old'])).toEqual(
      new Map([
        ['acme', expect.objectContaining({ day: '2024-05-06', score: 60 })],
        ['new', expect.objectContaining({ day: '2024-05-03', score: 33 })],
      ]),
    );
  });

  it('stores 180,000 scores in one call', async () => {
    const projectId = await insertProject(db);
    const dayOf = (i: number) => new Date((D0 - 89 + i) * DAY).toISOString().slice(0, 10);
    const days = Array.from({ length: 90 }, (_, i) => ({
      day: dayOf(i),
      rows: Array.from({ length: 2000 }, (_, a) => score(`acct-${a}`, (a + i) % 101)),
    }));
    await health.replaceDays(projectId, {
      days,
      firstDay: dayOf(0),
      lastDay: dayOf(89),
      fingerprint: 'x',
      scoredAt: new Date(),
    });
    const all = await health.dropScores(projectId, D0 - 89, D0);
    expect(all.size).toBe(2000);
    // acct-7 scored 7 + i on day i: its highest before today 95 (day 88), today 96.
    expect(all.get('acct-7')).toEqual([
      { day: D0 - 1, score: 95 },
      { day: D0, score: 96 },
    ]);
  }, 120_000);

  it('reads what a health drop needs: the score of today, the highest of the days before and its day', async () => {
    const projectId = await insertProject(db);
    const day = (i: number) => new Date((D0 + i) * DAY).toISOString().slice(0, 10);
    const scores: [day: number, rows: ReturnType<typeof score>[]][] = [
      [-20, [score('acme', 99), score('tied', 10)]],
      [-10, [score('acme', 70), score('tied', 80), score('quiet', 90)]],
      [-5, [score('acme', 50), score('tied', 80)]],
      [-2, [score('tied', 60)]],
      [0, [score('acme', 40), score('tied', 30), score('new', 20)]],
      [1, [score('acme', 100)]],
    ];
    for (const [i, rows] of scores) await health.upsertMany(projectId, day(i), rows);

    expect(await health.dropScores(projectId, D0 - 14, D0)).toEqual(
      new Map([
        // Its 99 is older than the window, and its 100 later than today.
        [
          'acme',
          [
            { day: D0 - 10, score: 70 },
            { day: D0, score: 40 },
          ],
        ],
        // Of two days with its highest score, the later.
        [
          'tied',
          [
            { day: D0 - 5, score: 80 },
            { day: D0, score: 30 },
          ],
        ],
        // Nothing before today; `quiet` was not scored today.
        ['new', [{ day: D0, score: 20 }]],
      ]),
    );
    expect(await health.dropScores(projectId, D0 - 14, D0 + 5)).toEqual(new Map());
  });

  it('counts each account’s open signals at the end of each day, as at that instant', async () => {
    const projectId = await insertProject(db);
    const rule = await rules.create({
      id: randomUUID(),
      projectId,
      name: 'Gone quiet',
      type: 'inactivity',
      scope: 'account',
      params: { days: 14 },
      cooldownHours: 0,
      enabled: true,
    });
    const raise = async (account: string | null, created: Date, resolved: Date | null) => {
      const s = nth(
        await signals.insertNew(
          [
            {
              id: randomUUID(),
              projectId,
              ruleId: rule.id,
              ruleVersion: 1,
              subjectKey: `account:${account ?? 'none'}`,
              userId: account ? null : 'u1',
              accountId: account,
              periodKey: created.toISOString(),
              details: {},
            },
          ],
          0,
          created,
        ),
        0,
      );
      if (resolved) {
        await db
          .updateTable('signals')
          .set({ resolved_at: resolved, resolution: 'cleared' })
          .where('id', '=', s.id)
          .execute();
      }
    };
    await raise('acme', at(-5, 12), null);
    await raise('acme', at(0, 23), at(2)); // resolved at the midnight ending day 1
    await raise('acme', at(1, 1), at(1, 2)); // open within day 1 only
    await raise('globex', at(-9), at(-1, 5)); // resolved before the span
    await raise('globex', at(3), null); // after the span
    await raise(null, at(0), null); // no account

    const byDay = await health.openSignalsByDay(projectId, D0, D0 + 2);
    expect(byDay).toEqual(new Map([['acme', [2, 2, 1]]]));
    for (const [i, day] of [D0, D0 + 1, D0 + 2].entries()) {
      const instant = await signals.countOpenByAccount(projectId, new Date((day + 1) * DAY));
      expect(instant.get('acme') ?? 0).toBe(byDay.get('acme')?.[i]);
    }
    // As they stood at an instant: created later left out, resolved later still open.
    const asOf = (instant: Date) => health.openSignalsByDay(projectId, D0, D0 + 2, instant);
    expect(await asOf(new Date(at(1, 1).getTime() + 30 * 60_000))).toEqual(new Map([['acme', [2, 3, 3]]]));
    expect(await asOf(at(0, 12))).toEqual(new Map([['acme', [1, 1, 1]]]));
    expect(await asOf(at(3, 1))).toEqual(byDay);
  });
});
