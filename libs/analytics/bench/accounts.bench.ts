// Times the accounts overview and a sorted, filtered accounts page at 100,000 generated accounts, against the
// way the dashboard read them before: every account's summary, page after page, then counted in the browser.
// Each request is timed cold (a process that has kept no facts of the project: its first request, or the first
// after they aged) and warm (the facts kept: paging, sorting again, the overview after the list).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import { ConfigModule, loadConfig } from '@bindery/config';
import { type AccountListItem, type AccountListQuery } from '@bindery/contracts';
import {
  AccountHealthRepository,
  DB,
  type Database,
  DbModule,
  ProjectRepository,
  ProjectSettingsRepository,
  TaskRepository,
} from '@bindery/db';
import { EventQueriesModule, QueryRunner } from '@bindery/event-queries';
import { MetricsModule } from '@bindery/server';
import { AccountFactsService } from '../src/accounts/account-facts.service';
import { AccountOverviewService } from '../src/accounts/account-overview.service';
import { AccountsService } from '../src/accounts/accounts.service';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 100_000);
/** Actions per account on average, over 60 days, by 1 to 5 people an account. */
const ACTIONS_PER_ACCOUNT = Number(process.env.BENCH_ACTIONS_PER_ACCOUNT ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** The baseline reads every account's summary: one run takes a minute or more at 100,000 accounts. */
const BASELINE_RUNS = Number(process.env.BENCH_BASELINE_RUNS ?? 1);
const OPEN_TASKS = Math.ceil(ACCOUNTS / 20);
const CSMS = 50;
const DAY = 86_400_000;
const PAGE = 100;
const AIM_MS = 1_000;

const print = (line: string) => process.stdout.write(`${line}\n`);

const COLUMNS = `project_id, event_id, type, event, feature, timestamp, received_at, user_id, anonymous_id,
  account_id, session_id, properties, context, traits, library_name, library_version, source`;

/** One group call an account: a name, a CSM for 9 accounts in 10, an MRR with a long tail. */
const GROUPS = `INSERT INTO events (${COLUMNS})
SELECT toUUID({project:String}), toString(generateUUIDv4(number)), 'group', '', '',
  fromUnixTimestamp64Milli(toInt64({now:Int64} - 70 * 86400000)) AS at, at, '', '',
  concat('acct-', leftPad(toString(number), 6, '0')) AS account, '', '{}', '{}',
  concat('{"name":"Account ', toString(sipHash64(number, 1) % 1000000), '"',
    if(number % 10 = 0, '', concat(',"csm_email":"csm', toString(number % ${CSMS}), '@vendor.example"')),
    ',"mrr":', toString(intDiv(200000, 1 + sipHash64(number, 2) % 2000)), '}'),
  'bench', '1', 'segment'
FROM numbers({accounts:UInt64})`;

/** Actions over the last 60 days: each account has 1 to 5 people; a quarter of the accounts went quiet. */
const ACTIONS = `INSERT INTO events (${COLUMNS})
SELECT toUUID({project:String}), toString(generateUUIDv4(number + 1000000000)), 'track', 'e', 'feature',
  fromUnixTimestamp64Milli(toInt64({now:Int64} - 60000
    - (sipHash64(number, 3) % (if(a % 4 = 0, 30, 60) * 86400000)) - if(a % 4 = 0, 30 * 86400000, 0))) AS at, at,
  concat(account, '-u', toString(sipHash64(number, 4) % (1 + a % 5))), '',
  concat('acct-', leftPad(toString(a), 6, '0')) AS account, '', '{}', '{}', '{}', 'bench', '1', 'segment'
FROM (SELECT number, sipHash64(number, 5) % {accounts:UInt64} AS a FROM numbers({actions:UInt64}))`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? NaN) + (s[Math.ceil((s.length - 1) / 2)] ?? NaN)) / 2;
};

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bindery-bench-accounts-'));
  const config = loadConfig(
    { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', QUERY_TIMEOUT_SECONDS: '600' },
    { port: 0 },
  );

  @Module({
    imports: [ConfigModule.forRoot(config), MetricsModule, ClickHouseModule, DbModule, EventQueriesModule],
  })
  class BenchModule {}

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  try {
    const projectId = uuidv7();
    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: 'bench' },
      project: { id: projectId, name: 'bench' },
      // A key nobody holds: the benchmark calls the services, not the API.
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_bench' }],
    });
    const now = Date.now();
    const actions = ACCOUNTS * ACTIONS_PER_ACCOUNT;
    print(
      `generating ${ACCOUNTS.toLocaleString('en')} accounts, ${actions.toLocaleString('en')} actions, ` +
        `2 days of health scores, ${OPEN_TASKS.toLocaleString('en')} open tasks…`,
    );
    const started = performance.now();
    const client = app.get<ClickHouseClient>(CLICKHOUSE);
    const params = { project: projectId, now, accounts: ACCOUNTS, actions };
    await client.command({ query: GROUPS, query_params: params });
    await client.command({ query: ACTIONS, query_params: params });
    await generateHealthAndTasks(
      app.get(AccountHealthRepository),
      app.get<Kysely<Database>>(DB),
      projectId,
      now,
    );
    print(`  ${((performance.now() - started) / 1000).toFixed(0)} s`);

    /** The services as a process that has kept no facts of the project yet has them. */
    const cold = () => {
      const [runner, health, tasks, settings] = [
        app.get(QueryRunner),
        app.get(AccountHealthRepository),
        app.get(TaskRepository),
        app.get(ProjectSettingsRepository),
      ];
      const facts = new AccountFactsService(runner, health, tasks);
      const accounts = new AccountsService(runner, health, tasks, facts, settings);
      return { accounts, overview: new AccountOverviewService(facts, accounts, settings) };
    };
    type Services = ReturnType<typeof cold>;
    const csm = 'csm7@vendor.example';
    const ranked =
      (q: Partial<AccountListQuery>) =>
      ({ accounts }: Services) =>
        accounts.list(projectId, { limit: PAGE, ...q });
    const cases: [string, (s: Services) => Promise<unknown>][] = [
      [
        'overview endpoint (counts, MRR at risk, top 6 at risk, CSMs)',
        ({ overview }) => overview.overview(projectId, { top: 6 }),
      ],
      ['accounts page: sorted by health, filtered by CSM', ranked({ sort: 'health', csm })],
      ['accounts page: at risk, sorted by MRR descending', ranked({ sort: '-mrr', risk: true })],
      ['accounts page: name search, sorted by name', ranked({ sort: 'name', q: 'account 12' })],
      ['accounts page: sorted by active users 7d (activity read)', ranked({ sort: '-active7' })],
      ['accounts page: sorted by last seen', ranked({ sort: '-lastSeen' })],
      ['accounts page: sorted by open tasks', ranked({ sort: '-openTasks' })],
      [
        'accounts page: 3rd page of a sort (three requests in all)',
        async ({ accounts }) => {
          const first = await accounts.list(projectId, { limit: PAGE, sort: 'health' });
          const second = await accounts.list(projectId, {
            limit: PAGE,
            sort: 'health',
            cursor: first.nextCursor!,
          });
          return accounts.list(projectId, { limit: PAGE, sort: 'health', cursor: second.nextCursor! });
        },
      ],
      [
        'plain list, first page by id (unchanged)',
        ({ accounts }) => accounts.list(projectId, { limit: PAGE }),
      ],
    ];

    // The baseline: what the overview and the accounts page did before, every summary read 500 at a time and
    // then filtered and sorted in memory (the browser's work, without its download of every row).
    let loaded: AccountListItem[] = [];
    const { accounts } = cold();
    const fullList = async () => {
      loaded = [];
      let cursor: string | undefined;
      do {
        const page = await accounts.list(projectId, { limit: 500, cursor });
        loaded.push(...page.accounts);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return loaded
        .filter((a) => a.traits.csm_email === csm)
        .sort((a, b) => (a.health?.score ?? 101) - (b.health?.score ?? 101))
        .slice(0, PAGE);
    };
    const baseline: number[] = [];
    for (let run = 0; run < BASELINE_RUNS; run++) baseline.push(await time(fullList));
    if (loaded.length !== ACCOUNTS)
      throw new Error(`the full list has ${loaded.length} accounts, not ${ACCOUNTS}`);

    const timed = cases.map(([name, run]) => ({ name, run, cold: [] as number[], warm: [] as number[] }));
    for (let run = 0; run < RUNS; run++) {
      for (const c of timed) {
        const services = cold();
        c.cold.push(await time(() => c.run(services)));
        c.warm.push(await time(() => c.run(services)));
      }
    }
    const base = median(baseline);
    print(
      `\n${ACCOUNTS.toLocaleString('en')} accounts; median of ${RUNS} runs (baseline: ${BASELINE_RUNS}); ` +
        `aim: each under ${AIM_MS} ms, cold`,
    );
    print('| query | cold ms | warm ms | cold to baseline |\n|---|---:|---:|---:|');
    print(
      `| baseline: every account's summary, 500 a page, filtered and sorted in memory | ${base.toFixed(0)} | | 1.00 |`,
    );
    for (const { name, cold, warm } of timed) {
      const [c, w] = [median(cold), median(warm)];
      print(`| ${name} | ${c.toFixed(0)} | ${w.toFixed(0)} | ${(c / base).toFixed(3)} |`);
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Two days of scores for every account (the newest counts), and open tasks on one account in 20. */
async function generateHealthAndTasks(
  health: AccountHealthRepository,
  db: Kysely<Database>,
  projectId: string,
  now: number,
): Promise<void> {
  const today = Math.floor(now / DAY);
  const ids = Array.from({ length: ACCOUNTS }, (_, i) => `acct-${String(i).padStart(6, '0')}`);
  const day = (d: number) => new Date((today - d) * DAY).toISOString().slice(0, 10);
  const parts = { recency: 50, activeShare: 50, breadth: 50, trend: 50, signals: 100 };
  await health.replaceDays(projectId, {
    days: [2, 1].map((d) => ({
      day: day(d),
      rows: ids.map((accountId, i) => ({
        accountId,
        score: (i * 37 + d * 11) % 101,
        components: parts,
        abc: (['A', 'B', 'C', null] as const)[i % 4]!,
      })),
    })),
    firstDay: day(2),
    lastDay: day(1),
    fingerprint: 'bench',
    scoredAt: new Date(now),
  });
  for (let i = 0; i < OPEN_TASKS; i += 1000) {
    await db
      .insertInto('tasks')
      .values(
        Array.from({ length: Math.min(1000, OPEN_TASKS - i) }, (_, k) => ({
          id: uuidv7(),
          project_id: projectId,
          account_id: ids[((i + k) * 20) % ACCOUNTS]!,
          rule_id: null,
          title: 'Bench task',
          body: '',
          priority: 'P2' as const,
          status: (i + k) % 3 === 0 ? ('in_progress' as const) : ('open' as const),
          assignee: null,
          due_at: new Date(now + DAY),
          signal_ids: '[]',
        })),
      )
      .execute();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
