import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { AccountHealthRepository, DbModule, ProjectRepository, TaskRepository } from '@bindery/db';
import { EventQueriesModule } from '@bindery/event-queries';
import { eventRow, startTestContext } from '@bindery/testing';
import { AccountFactsService } from './account-facts.service';
import { AccountOverviewService } from './account-overview.service';
import { AccountsService } from './accounts.service';

const DAY = 86_400_000;
const ACCOUNTS = ['kept-a', 'kept-b', 'kept-c', 'kept-d'];

/**
 * The facts kept for the accounts list and overview: paging and sorting again reuse them, and yet a rules run
 * that stored new scores and a task closed since are in the very next answer. Real chDB and PGlite, no HTTP.
 */
describe('account facts kept between requests', () => {
  let app: INestApplicationContext;
  let accounts: AccountsService;
  let overview: AccountOverviewService;
  let facts: AccountFactsService;
  let tasks: TaskRepository;
  const projectId = uuidv7();
  const now = Date.now();
  const today = Math.floor(now / DAY);
  const day = (d: number) => new Date((today - d) * DAY).toISOString().slice(0, 10);

  /** A rules run storing yesterday's scores, one an account in the order of ACCOUNTS. */
  const storeScores = (scores: number[], scoredAt: number) =>
    app.get(AccountHealthRepository).replaceDays(projectId, {
      days: [
        {
          day: day(1),
          rows: ACCOUNTS.map((accountId, i) => ({
            accountId,
            score: scores[i]!,
            components: { recency: 50, activeShare: 50, breadth: 50, trend: 50, signals: 100 },
            abc: null,
          })),
        },
      ],
      firstDay: day(1),
      lastDay: day(1),
      fingerprint: 'kept',
      scoredAt: new Date(scoredAt),
    });

  const byHealth = async () =>
    (await accounts.list(projectId, { limit: 10, sort: 'health' })).accounts.map((a) => [
      a.id,
      a.health?.score,
    ]);

  beforeAll(async () => {
    app = await startTestContext({
      imports: [ClickHouseModule, DbModule, EventQueriesModule],
      providers: [AccountFactsService, AccountsService, AccountOverviewService],
    });
    accounts = app.get(AccountsService);
    overview = app.get(AccountOverviewService);
    facts = app.get(AccountFactsService);
    tasks = app.get(TaskRepository);
    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: 'kept facts' },
      project: { id: projectId, name: 'kept facts' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_kept' }],
    });
    await app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: ACCOUNTS.flatMap((account, i) => [
        eventRow(projectId, now - 3 * DAY, {
          type: 'group',
          account_id: account,
          traits: JSON.stringify({ name: `Kept ${i}`, mrr: 100 * (i + 1) }),
        }),
        // kept-a today (and not after now), the others 1, 2 and 3 days before.
        eventRow(projectId, Math.max(today * DAY, now - 60_000) - i * DAY, {
          user_id: `${account}-u`,
          account_id: account,
        }),
      ]),
      format: 'JSONEachRow',
    });
    await storeScores([10, 20, 30, 90], now - DAY);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('sorts again from the facts it kept, until a rules run stores new scores', async () => {
    const sort = { key: 'health', descending: false } as const;
    const first = (await facts.ranked(projectId, today, sort, null)).matched;
    expect((await facts.ranked(projectId, today, sort, null)).matched).toBe(first);

    await storeScores([95, 20, 30, 5], now);
    const after = (await facts.ranked(projectId, today, sort, null)).matched;
    expect(after).not.toBe(first);
    expect(after.map((a) => [a.id, a.score])).toEqual([
      ['kept-d', 5],
      ['kept-b', 20],
      ['kept-c', 30],
      ['kept-a', 95],
    ]);
  });

  it('lists and sums up the scores of the rules run that finished since the last request', async () => {
    await storeScores([10, 20, 30, 90], now + 1);
    expect(await byHealth()).toEqual([
      ['kept-a', 10],
      ['kept-b', 20],
      ['kept-c', 30],
      ['kept-d', 90],
    ]);
    expect((await overview.overview(projectId, { top: 2 })).atRisk.map((a) => a.id)).toEqual([
      'kept-a',
      'kept-b',
    ]);

    await storeScores([80, 70, 15, 12], now + 2);
    expect(await byHealth()).toEqual([
      ['kept-d', 12],
      ['kept-c', 15],
      ['kept-b', 70],
      ['kept-a', 80],
    ]);
    const summed = await overview.overview(projectId, { top: 2 });
    expect(summed.atRisk.map((a) => a.id)).toEqual(['kept-d', 'kept-c']);
    expect(summed.health.atRisk).toBe(2);
    expect(summed.accounts).toEqual({ total: 4, activeToday: 1, active7d: 4, active30d: 4 });
  });

  it('sorts by the open tasks as they are, a task closed since the last request included', async () => {
    const open = async (account: string) =>
      tasks.create(
        {
          id: uuidv7(),
          projectId,
          accountId: account,
          ruleId: null,
          title: 'Call them',
          body: '',
          priority: 'P2',
          assignee: null,
          dueAt: new Date(now + DAY),
          signalIds: [],
        },
        { actor: 'test', change: {} },
      );
    const [first] = [await open('kept-c'), await open('kept-c'), await open('kept-b')];
    const byTasks = async () =>
      (await accounts.list(projectId, { limit: 2, sort: '-openTasks' })).accounts.map((a) => [
        a.id,
        a.openTasks,
      ]);
    expect(await byTasks()).toEqual([
      ['kept-c', 2],
      ['kept-b', 1],
    ]);

    await tasks.update(projectId, first!.id, { status: 'done' }, { actor: 'test', change: {} });
    expect(await byTasks()).toEqual([
      ['kept-b', 1],
      ['kept-c', 1],
    ]);
  });
});
