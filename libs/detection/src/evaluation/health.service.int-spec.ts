import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely, sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { type EventRow, type ProjectSettings } from '@bindery/contracts';
import {
  type Database,
  DB,
  DbModule,
  ProjectRepository,
  ProjectSettingsRepository,
  RuleRepository,
  SignalRepository,
} from '@bindery/db';
import { EventQueriesModule } from '@bindery/event-queries';
import { AccountRiskService } from '@bindery/risk';
import { DEFAULT_HEALTH_WEIGHTS, type HealthWeights } from '@bindery/rules';
import {
  generateEvents,
  mulberry32,
  nth,
  type ReferenceHealth,
  referenceHealthHistory,
  type ReferenceSignal,
  startTestContext,
} from '@bindery/testing';
import { ActionCounts } from './daily-usage';
import { HealthService } from './health.service';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 6);
const START_DAY = START / DAY;
/** The day of the first evaluation: the data's last day and one after it. */
const TODAY = START_DAY + 121;
/** The evaluation on `day`, at its last moment: every event of the day was received before it. */
const endOf = (day: number) => (day + 1) * DAY - 1;
/** Thirteen event names (so features besides billing, reports and search): the top 10 changes with the day. */
/** A history as plain objects, for a diff that names the day and account that differ. */
const plain = (history: Map<string, Map<string, ReferenceHealth>>) =>
  Object.fromEntries([...history].map(([day, accounts]) => [day, Object.fromEntries(accounts)]));
const NAMES = Array.from({ length: 13 }, (_, i) => `Step ${String(i + 1).padStart(2, '0')}`);

/**
 * The health history the rules worker back-fills and keeps, against a brute-force computation from the raw
 * events (libs/testing's reference): every account, every day of 90, exactly, through a settings change and
 * the next day's evaluation. Real chDB and PGlite, no HTTP.
 */
describe('health history against the brute-force reference', () => {
  let app: INestApplicationContext;
  let client: ClickHouseClient;
  let db: Kysely<Database>;
  let health: HealthService;
  const projectId = uuidv7();
  let events: EventRow[];
  const signals: ReferenceSignal[] = [];

  /** Saves the project's health settings in place of those stored, as the settings service does. */
  const saveSettings = async (settings: Pick<ProjectSettings, 'healthWeights' | 'keyFeatures'>) => {
    const repo = app.get(ProjectSettingsRepository);
    expect(await repo.replace(projectId, await repo.get(projectId), settings)).toBe(true);
  };

  /** A group call setting an account's MRR at `time`. */
  const mrr = (account: string, value: unknown, time: number): EventRow => ({
    project_id: projectId,
    event_id: uuidv7(),
    type: 'group',
    event: '$group',
    feature: '',
    timestamp: time,
    received_at: time,
    user_id: 'user-00',
    anonymous_id: '',
    account_id: account,
    session_id: '',
    properties: '{}',
    context: '{}',
    traits: JSON.stringify({ name: account, mrr: value }),
    library_name: 'test',
    library_version: '1',
    source: 'segment',
  });

  /** A `survey answered` track as ingest stores it, with the survey's kind in its properties. */
  const answer = (user: string, account: string, time: number, kind: string, score: unknown): EventRow => ({
    ...mrr(account, null, time),
    type: 'track',
    event: 'survey answered',
    feature: 'survey answered',
    user_id: user,
    properties: JSON.stringify({ surveyId: `survey-${kind}`, kind, score }),
    traits: '{}',
  });

  /**
   * Survey answers of people in acct-00..acct-03 (none in acct-04, acct-05), NPS and CSAT, from 300 days before
   * the first evaluation (outside the 180 days of any day scored) to its day; people answering again (the
   * latest counts, also at the same millisecond), answers that never count (an open question, a score off the
   * scale or not whole, no account), and one account whose only answers are too old.
   */
  function answers(): EventRow[] {
    const dice = mulberry32(21);
    const rows: EventRow[] = [];
    for (let i = 0; i < 80; i++) {
      const user = `user-${String(Math.floor(dice() * 12)).padStart(2, '0')}`;
      const account = `acct-0${Math.floor(dice() * 4)}`;
      const time = (TODAY - Math.floor(dice() * 300)) * DAY + Math.floor(dice() * DAY);
      const nps = dice() < 0.6;
      const score = nps ? Math.floor(dice() * 11) : 1 + Math.floor(dice() * 5);
      rows.push(answer(user, account, time, nps ? 'nps' : 'csat', score));
    }
    const noon = (TODAY - 3) * DAY + 43_200_000;
    rows.push(
      answer('user-20', 'acct-02', noon, 'nps', 10),
      answer('user-20', 'acct-02', noon, 'nps', 0),
      answer('user-21', 'acct-01', noon, 'open', 9),
      answer('user-21', 'acct-01', noon, 'nps', 9.5),
      answer('user-21', 'acct-01', noon, 'csat', 0),
      answer('user-21', 'acct-01', noon, 'nps', 11),
      answer('user-21', '', noon, 'nps', 2),
      answer('user-22', 'acct-paying-only', (TODAY - 300) * DAY, 'csat', 1),
    );
    return rows;
  }

  /** Inserts rows in several inserts, the retried rows (an event id seen before) last, merges stopped. */
  async function load(rows: EventRow[]): Promise<void> {
    await client.command({ query: 'SYSTEM STOP MERGES events' });
    const seen = new Set<string>();
    const first: EventRow[] = [];
    const retried: EventRow[] = [];
    for (const row of rows) {
      (seen.has(row.event_id) ? retried : first).push(row);
      seen.add(row.event_id);
    }
    for (let i = 0; i < first.length; i += 2000) {
      await client.insert({ table: 'events', values: first.slice(i, i + 2000), format: 'JSONEachRow' });
    }
    if (retried.length) await client.insert({ table: 'events', values: retried, format: 'JSONEachRow' });
  }

  /** The stored history of days firstDay..lastDay, as the reference keys it. */
  async function stored(
    firstDay: number,
    lastDay: number,
  ): Promise<Map<string, Map<string, ReferenceHealth>>> {
    const rows = await db
      .selectFrom('account_health')
      .select([sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'account_id', 'score', 'components', 'abc'])
      .where('project_id', '=', projectId)
      .where('day', '>=', new Date(firstDay * DAY).toISOString().slice(0, 10))
      .where('day', '<=', new Date(lastDay * DAY).toISOString().slice(0, 10))
      .execute();
    const history = new Map<string, Map<string, ReferenceHealth>>();
    for (let d = firstDay; d <= lastDay; d++)
      history.set(new Date(d * DAY).toISOString().slice(0, 10), new Map());
    for (const r of rows) {
      history.get(r.day)?.set(r.account_id, {
        score: r.score,
        components: r.components as ReferenceHealth['components'],
        abc: r.abc as ReferenceHealth['abc'],
      });
    }
    return history;
  }

  const expected = (firstDay: number, lastDay: number, weights: HealthWeights, keyFeatures: string[]) =>
    referenceHealthHistory(events, { projectId, firstDay, lastDay, weights, keyFeatures, signals });

  beforeAll(async () => {
    app = await startTestContext({
      imports: [ClickHouseModule, DbModule, EventQueriesModule],
      providers: [HealthService, ActionCounts, AccountRiskService],
    });
    client = app.get<ClickHouseClient>(CLICKHOUSE);
    db = app.get<Kysely<Database>>(DB);
    health = app.get(HealthService);

    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `health-${randomBytes(4).toString('hex')}` },
      project: { id: projectId, name: 'health' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_h' }],
    });
    events = [
      ...generateEvents({
        seed: 16,
        projectId,
        users: 40,
        accounts: 6,
        days: 120,
        start: START,
        eventNames: NAMES,
        eventsPerUser: 90,
      }),
      // MRR set before the span, inside it (so the account is scored from then on), twice, and for an
      // account with no actions at all.
      mrr('acct-00', 5000, START + 3 * DAY + 1000),
      mrr('acct-01', '1200', START + 70 * DAY + 5000),
      mrr('acct-02', 100, START + 10 * DAY),
      mrr('acct-02', 900, START + 95 * DAY),
      mrr('acct-paying-only', 49.5, START + 60 * DAY),
      ...answers(),
    ];

    // Signals of several accounts: some still open, some resolved inside the span, one at a midnight.
    const rule = await app.get(RuleRepository).create({
      id: uuidv7(),
      projectId,
      name: 'Gone quiet',
      type: 'inactivity',
      scope: 'account',
      params: { days: 14 },
      cooldownHours: 0,
      enabled: true,
    });
    const raise = async (account: string, createdAt: number, resolvedAt: number | null) => {
      const s = nth(
        await app.get(SignalRepository).insertNew(
          [
            {
              id: uuidv7(),
              projectId,
              ruleId: rule.id,
              ruleVersion: 1,
              subjectKey: `account:${account}`,
              userId: null,
              accountId: account,
              periodKey: String(createdAt),
              details: {},
            },
          ],
          0,
          new Date(createdAt),
        ),
        0,
      );
      if (resolvedAt !== null) {
        await db
          .updateTable('signals')
          .set({ resolved_at: new Date(resolvedAt), resolution: 'cleared' })
          .where('id', '=', s.id)
          .execute();
      }
      signals.push({ accountId: account, createdAt, resolvedAt });
    };
    await raise('acct-00', (TODAY - 60) * DAY + 3_600_000, (TODAY - 40) * DAY);
    await raise('acct-00', (TODAY - 50) * DAY, null);
    await raise('acct-01', (TODAY - 100) * DAY, (TODAY - 20) * DAY + 1);
    await raise('acct-03', (TODAY - 10) * DAY - 1, null);
    await raise('acct-03', (TODAY - 30) * DAY + 7, (TODAY - 29) * DAY - 7);
    await raise('acct-04', (TODAY - 5) * DAY, null);

    await load(events);
  }, 120_000);

  afterAll(async () => {
    await client.command({ query: 'SYSTEM START MERGES events' });
    await app.close();
  });

  it('back-fills 90 days on the first evaluation, equal to the reference', async () => {
    const scored = await health.refresh(projectId, endOf(TODAY));

    const want = expected(TODAY - 89, TODAY, DEFAULT_HEALTH_WEIGHTS, []);
    expect(scored).toBe(want.get(new Date(TODAY * DAY).toISOString().slice(0, 10))?.size);
    // Sentiment shows for the accounts with answers to count, and only for them.
    const today = want.get(new Date(TODAY * DAY).toISOString().slice(0, 10));
    expect(today?.get('acct-02')?.components.sentiment).toEqual(expect.any(Number));
    expect(today?.get('acct-04')?.components).not.toHaveProperty('sentiment');
    expect(today?.get('acct-paying-only')?.components).not.toHaveProperty('sentiment');
    // The data has the cases the history must get right: accounts joining by MRR, losing users, signals.
    expect(new Set([...want.values()].map((d) => d.size)).size).toBeGreaterThan(1);
    expect(plain(await stored(TODAY - 89, TODAY))).toEqual(plain(want));
    const older = await db
      .selectFrom('account_health')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', projectId)
      .where('day', '<', new Date((TODAY - 89) * DAY).toISOString().slice(0, 10))
      .executeTakeFirstOrThrow();
    expect(Number(older.n)).toBe(0);
  });

  it('recomputes the whole history when the weights or key features change', async () => {
    const weights: HealthWeights = {
      recency: 10,
      activeShare: 20,
      breadth: 40,
      trend: 25,
      signals: 5,
      sentiment: 30,
    };
    const keyFeatures = ['Step 03', 'billing', 'never-used'];
    await saveSettings({ healthWeights: weights, keyFeatures });

    await health.refresh(projectId, endOf(TODAY));

    const want = expected(TODAY - 89, TODAY, weights, keyFeatures);
    expect(plain(await stored(TODAY - 89, TODAY))).toEqual(plain(want));

    // "Why at risk" reads the answers itself: its scores then and now are the reference's too.
    const day = (d: number) => want.get(new Date(d * DAY).toISOString().slice(0, 10));
    const [then, now] = [day(TODAY - 30), day(TODAY)];
    const accounts = [...(now?.keys() ?? [])].filter((a) => then?.has(a));
    expect(accounts.filter((a) => now?.get(a)?.components.sentiment !== undefined).length).toBeGreaterThan(2);
    for (const account of accounts) {
      const risk = await app.get(AccountRiskService).explain(projectId, account, 30, endOf(TODAY));
      expect({ account, then: risk.scoreThen, now: risk.scoreNow }).toEqual({
        account,
        then: then?.get(account)?.score,
        now: now?.get(account)?.score,
      });
    }
  });

  it('scores the next day and the last one again, keeping the rest', async () => {
    await saveSettings({ healthWeights: DEFAULT_HEALTH_WEIGHTS, keyFeatures: [] });
    await health.refresh(projectId, endOf(TODAY));
    const before = await stored(TODAY - 89, TODAY - 1);
    // A new day of usage, and the evaluation of the day after.
    const next = generateEvents({
      seed: 17,
      projectId,
      users: 12,
      accounts: 6,
      days: 1,
      start: (TODAY + 1) * DAY,
      eventNames: NAMES,
      eventsPerUser: 20,
    }).filter(
      (e) =>
        e.project_id === projectId && e.timestamp >= (TODAY + 1) * DAY && e.timestamp < (TODAY + 2) * DAY,
    );
    events.push(...next);
    await load(next);

    await health.refresh(projectId, endOf(TODAY + 1));

    expect(plain(await stored(TODAY - 88, TODAY + 1))).toEqual(
      plain(expected(TODAY - 88, TODAY + 1, DEFAULT_HEALTH_WEIGHTS, [])),
    );
    expect(plain(await stored(TODAY - 89, TODAY - 1))).toEqual(plain(before));

    // Again the same day: the one day scored again, the same.
    await health.refresh(projectId, endOf(TODAY + 1));
    expect(plain(await stored(TODAY - 88, TODAY + 1))).toEqual(
      plain(expected(TODAY - 88, TODAY + 1, DEFAULT_HEALTH_WEIGHTS, [])),
    );
  });

  /**
   * Some days of use of one new account, from `firstDay` on, received at `receivedAt`: stored in ClickHouse and
   * kept for the reference; checks that the account is scored on its first day of use.
   */
  async function arrive(o: {
    seed: number;
    firstDay: number;
    days: number;
    account: string;
    receivedAt: number;
  }) {
    const rows = generateEvents({
      seed: o.seed,
      projectId,
      users: 4,
      accounts: 1,
      days: o.days,
      start: o.firstDay * DAY,
      eventNames: NAMES,
      eventsPerUser: 30,
    })
      .filter(
        (e) =>
          e.project_id === projectId &&
          e.timestamp >= o.firstDay * DAY &&
          e.timestamp < (o.firstDay + o.days) * DAY,
      )
      .map((e) => ({ ...e, account_id: e.account_id && o.account, received_at: o.receivedAt }));
    expect(rows.length).toBeGreaterThan(0);
    events.push(...rows);
    await load(rows);
  }

  /** The stored history equals the reference computed from every event; `account` is scored on `day`. */
  async function expectHistoryWith(account: string, day: number) {
    const want = expected(TODAY - 88, TODAY + 1, DEFAULT_HEALTH_WEIGHTS, []);
    expect(want.get(new Date(day * DAY).toISOString().slice(0, 10))?.has(account)).toBe(true);
    expect(plain(await stored(TODAY - 88, TODAY + 1))).toEqual(plain(want));
  }

  it('scores again the days of events received after the last scoring, however old', async () => {
    const before = await stored(TODAY - 88, TODAY - 31);
    // A device that was offline: a month-old week of use of one account arrives now.
    await arrive({
      seed: 23,
      firstDay: TODAY - 30,
      days: 7,
      account: 'acct-late',
      receivedAt: endOf(TODAY + 1),
    });

    await health.refresh(projectId, endOf(TODAY + 1));

    await expectHistoryWith('acct-late', TODAY - 30);
    // The days before the first late event were not touched.
    expect(plain(await stored(TODAY - 88, TODAY - 31))).toEqual(plain(before));
  });

  it('scores again the days of events received before the last scoring but stored after it', async () => {
    // Received a second before the scoring above, inserted only once it had read: in flight then.
    await arrive({
      seed: 29,
      firstDay: TODAY - 50,
      days: 5,
      account: 'acct-in-flight',
      receivedAt: endOf(TODAY + 1) - 1_000,
    });

    await health.refresh(projectId, endOf(TODAY + 1));

    await expectHistoryWith('acct-in-flight', TODAY - 50);
  });
});
