// Times Bindery's reports on 10 million generated events against a hand-written windowFunnel baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseClient } from '@clickhouse/client';
import {
  ClickHouseMigrator,
  createClickHouseClient,
  createReportsClient,
  defaultMigrationsDir,
  readMigrations,
} from '@bindery/clickhouse';
import { loadConfig } from '@bindery/config';
import { type FunnelQuery } from '@bindery/contracts';
import { copyBenchEventsMerged, generateBenchEvents } from '@bindery/testing';
import { ActivityService } from '../src/activity/activity.service';
import { FeatureReport } from '../src/features/feature-report';
import { FunnelService } from '../src/funnels/funnel.service';
import { RetentionService } from '../src/retention/retention.service';
import { ProjectTimeZone } from '../src/time-zone/project-time-zone';
import {
  type BoundQuery,
  EVENT_PERSON,
  EVENT_PERSON_KEY,
  QueryRunner,
  STORED_ID,
} from '@bindery/event-queries';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
/** The same events with 20 % of the people merged from anonymous ids (copyBenchEventsMerged). */
const MERGED_PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e70';
const START = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
/** The funnel with 20 % of its people merged, at most this many times the funnel before identity merge. */
const AIM_MERGED_RATIO = 1.5;

/**
 * A case's aim: the funnel by user within 1.2× of the baseline, DAU/WAU/MAU and feature adoption (which have
 * rollups for them) under 250 ms, any other report under 1 s; none for the baselines and the funnel before
 * identity merge, which are what the others are measured against.
 */
function aimOf(name: string): { ms: number } | { ratio: number } | undefined {
  if (name.includes('baseline') || name.includes('before identity merge')) return undefined;
  if (name.startsWith('funnel') && name.includes('by user')) return { ratio: 1.2 };
  if (name.startsWith('DAU') || name.startsWith('feature adoption')) return { ms: 250 };
  return { ms: 1_000 };
}

/**
 * Runs queries with each event's subject as it was before identity merge, the stored id (user id, else
 * anonymous id) as a string: the funnel's time as it was, on the same data and in the same run as the funnel
 * that resolves persons.
 */
class UnresolvedRunner extends QueryRunner {
  override rowBinary(q: BoundQuery): Promise<Buffer> {
    return super.rowBinary({
      ...q,
      query: q.query.replaceAll(EVENT_PERSON_KEY, STORED_ID).replaceAll(EVENT_PERSON, STORED_ID),
    });
  }
}

/** The benchmark's report goes to stdout. */
const print = (line: string) => process.stdout.write(`${line}\n`);

const iso = (ms: number) => new Date(ms).toISOString();
const FUNNEL: FunnelQuery = {
  steps: ['e0', 'e1', 'e2', 'e3', 'e4'].map((event) => ({ event })),
  windowSeconds: 86_400,
  order: 'ordered',
  aggregateBy: 'user',
  from: iso(START + 15 * DAY),
  to: iso(START + 45 * DAY),
};

/** The same funnel's levels as one would write them by hand with windowFunnel: no times, no breakdown. */
const BASELINE = `SELECT level, count() AS subjects FROM (
  SELECT user_id, windowFunnel({window:UInt64})(toUInt64(toUnixTimestamp64Milli(timestamp)),
    event = 'e0' AND timestamp < fromUnixTimestamp64Milli({to:Int64}), event = 'e1', event = 'e2', event = 'e3', event = 'e4') AS level
  FROM events
  WHERE project_id = {projectId:UUID} AND timestamp >= fromUnixTimestamp64Milli({from:Int64})
    AND timestamp < fromUnixTimestamp64Milli({until:Int64}) AND event IN ('e0', 'e1', 'e2', 'e3', 'e4')
  GROUP BY user_id
) GROUP BY level ORDER BY level`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[Math.floor((s.length - 1) / 2)] ?? NaN) + (s[Math.ceil((s.length - 1) / 2)] ?? NaN)) / 2;
};

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function generate(client: ClickHouseClient): Promise<number> {
  const started = performance.now();
  await new ClickHouseMigrator(client, {}, readMigrations(defaultMigrationsDir())).migrate();
  const [stored] = await client
    .query({
      query:
        'SELECT countIf(project_id = {project:UUID}) AS n, uniqExact(project_id) AS projects FROM events',
      query_params: { project: PROJECT },
      format: 'JSONEachRow',
    })
    .then((r) => r.json<{ n: string; projects: string }>());
  if (Number(stored?.n) === EVENTS && Number(stored?.projects) === 2) return 0;
  await client.command({ query: 'TRUNCATE TABLE events' });
  await generateBenchEvents(client, { projectId: PROJECT, events: EVENTS, start: START, days: 60 });
  await copyBenchEventsMerged(client, { from: PROJECT, to: MERGED_PROJECT, start: START, days: 60 });
  await client.command({ query: 'OPTIMIZE TABLE events FINAL' });
  return performance.now() - started;
}

async function main(): Promise<void> {
  // BENCH_DATA_DIR keeps the generated events between runs (for working on a query); by default they go.
  const dataDir = process.env.BENCH_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'bindery-bench-query-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, QUERY_TIMEOUT_SECONDS: '600' }, { port: 0 });
  const client = createClickHouseClient(config);
  // Reports read through the app's own client for them: as many engine sessions as it gives reports (the
  // queries of one report run side by side, as in the app), with the report settings (threads per query).
  const reports = createReportsClient(config);
  try {
    print(`generating ${EVENTS.toLocaleString('en')} events (100k users, 2k accounts, 60 days, 40 names)…`);
    print(`  ${(((await generate(client)) / 1000) | 0).toLocaleString('en')} s`);
    const runner = new QueryRunner(reports, config);
    // The benchmark's projects set no time zone: their reports count UTC days.
    const zone = new ProjectTimeZone({ get: () => Promise.resolve(undefined) });
    const funnelsBeforeMerge = new FunnelService(new UnresolvedRunner(reports, config), zone);
    const funnels = new FunnelService(runner, zone);
    const retention = new RetentionService(runner, zone);
    const activity = new ActivityService(runner, zone);
    const features = new FeatureReport(runner);
    const baselineParams = {
      projectId: PROJECT,
      window: 86_400_000,
      from: Date.parse(FUNNEL.from),
      to: Date.parse(FUNNEL.to),
      until: Date.parse(FUNNEL.to) + 86_400_000,
    };
    // The baseline runs as the reports do (their threads per query); and once more with the engine's defaults.
    const baseline = () => runner.rows({ query: BASELINE, params: baselineParams });
    const baselineAllCores = () =>
      client
        .query({ query: BASELINE, query_params: baselineParams, format: 'JSONEachRow' })
        .then((r) => r.json());
    const adoption = (weekly: boolean) =>
      features.run(
        PROJECT,
        { from: iso(START), to: iso(START + 60 * DAY), aggregateBy: 'user', abandonDays: 14, weekly },
        [],
        'UTC',
      );
    const cases: [string, () => Promise<unknown>][] = [
      ['windowFunnel baseline (levels only)', baseline],
      ["windowFunnel baseline with the engine's default threads", baselineAllCores],
      [
        'funnel, by user, without person resolution (before identity merge)',
        () => funnelsBeforeMerge.query(PROJECT, FUNNEL),
      ],
      ['funnel, 5 steps ordered, 30 days, by user', () => funnels.query(PROJECT, FUNNEL)],
      [
        'funnel, by user, 20 % of people merged from anonymous ids',
        () => funnels.query(MERGED_PROJECT, FUNNEL),
      ],
      [
        'funnel, by account, breakdown by plan',
        () =>
          funnels.query(PROJECT, {
            ...FUNNEL,
            aggregateBy: 'account',
            breakdown: { property: 'plan', limit: 25 },
          }),
      ],
      [
        'retention, 12 weeks',
        () =>
          retention.query(PROJECT, {
            startEvent: 'e0',
            returnEvent: 'e1',
            period: 'week',
            periods: 12,
            aggregateBy: 'user',
            from: iso(START),
            to: iso(START + 60 * DAY),
          }),
      ],
      [
        'DAU/WAU/MAU, 60 days',
        () => activity.query(PROJECT, { from: iso(START), to: iso(START + 60 * DAY) }),
      ],
      ['feature adoption, 60 days', () => adoption(false)],
      ['feature adoption with weekly series (dashboard)', () => adoption(true)],
    ];
    // BENCH_ONLY=<text> times the baseline and the cases whose name holds the text.
    const only = process.env.BENCH_ONLY;
    if (only) cases.splice(1, cases.length, ...cases.slice(1).filter(([name]) => name.includes(only)));
    const [plain, merged] = [
      await funnels.query(PROJECT, FUNNEL),
      await funnels.query(MERGED_PROJECT, FUNNEL),
    ];
    if (JSON.stringify(plain.steps) !== JSON.stringify(merged.steps)) {
      throw new Error('the merged copy of the events gives another funnel: persons are not resolved');
    }
    const timed = cases.map(([name, q]) => ({ name, q, times: [] as number[] }));
    for (let run = 0; run < RUNS; run++) {
      for (const { q, times } of timed) times.push(await time(q));
    }
    const base = median(timed[0]?.times ?? []);
    print(`\nmedian of ${RUNS} runs`);
    print('| query | median ms | ratio to baseline | aim | met |\n|---|---:|---:|---|---|');
    for (const { name, times } of timed) {
      const m = median(times);
      const aim = aimOf(name);
      const [stated, met] = !aim
        ? ['', '']
        : 'ms' in aim
          ? [`under ${aim.ms} ms`, m < aim.ms ? 'yes' : 'no']
          : [`at most ${aim.ratio}x`, m / base <= aim.ratio ? 'yes' : 'no'];
      print(`| ${name} | ${m.toFixed(0)} | ${(m / base).toFixed(2)} | ${stated} | ${met} |`);
    }
    const before = timed.find((c) => c.name.includes('before identity merge'));
    const after = timed.find((c) => c.name.includes('merged from anonymous'));
    if (before && after) {
      print(
        `\nfunnel with 20 % of people merged / funnel before identity merge: ` +
          `${(median(after.times) / median(before.times)).toFixed(2)} (aim: at most ${AIM_MERGED_RATIO})`,
      );
    }
  } finally {
    await Promise.all([reports.close(), client.close()]);
    if (!process.env.BENCH_DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
