import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type CreatedProject, type FunnelQuery } from '@bindery/contracts';
import {
  basic,
  bearer,
  getJson,
  type JsonResponse,
  nth,
  postJson,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** Project A's data: a year of page views by 100 users over 300 pages. */
const HEAVY_EVENTS = 200_000;
const HEAVY_USERS = 100;
const HEAVY_PAGES = 300;
/** How long A keeps two heavy reports running while B is measured. */
const LOAD_MS = 12_000;
const GiB = 2 ** 30;

/**
 * The report that froze the instance (issue 15): 20 steps of one event, a 90-day window, a year, a breakdown
 * over 300 values. It needs more memory than a report may take.
 */
const MEMORY_HEAVY: FunnelQuery = {
  steps: Array.from({ length: 20 }, () => ({ event: 'view' })),
  windowSeconds: 7_776_000,
  order: 'ordered',
  aggregateBy: 'user',
  from: iso(YEAR_START),
  to: iso(YEAR_START + 365 * DAY),
  breakdown: { property: 'page', limit: 100 },
};
/** The same funnel unordered, without the breakdown: within the limits, seconds of work for the engine and Node. */
const CPU_HEAVY: FunnelQuery = { ...MEMORY_HEAVY, order: 'unordered', breakdown: undefined };

/** The value at quantile `q` of the samples. */
function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((x, y) => x - y);
  return nth(sorted, Math.min(sorted.length - 1, Math.floor(sorted.length * q)));
}

/**
 * Project A runs the heaviest report it can ask for, two at a time, for several seconds, while project B sends a
 * steady stream of small batches and runs small reports: B's ingest and reports stay fast, /readyz stays
 * ready and the process stays within a few GiB; A's third report at once is refused with 429 and Retry-After,
 * and A's heavy reports end with a result or a clear 422, never by starving the rest.
 */
describe('report isolation: one project’s heavy reports do not slow another', () => {
  let t: TestApp;
  let a: CreatedProject;
  let b: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      RULES_INTERVAL_SECONDS: '0',
      // Two at a time (the default, 4, lets a dashboard page's reports run together).
      REPORT_MAX_CONCURRENT_PER_PROJECT: '2',
      RULES_RUN_RATE_LIMIT_PER_MINUTE: '2',
    });
    a = await t.createProject('heavy reports');
    b = await t.createProject('neighbour');
    await t.app.get<ClickHouseClient>(CLICKHOUSE).command({
      query: `INSERT INTO events (project_id, event_id, type, event, timestamp, received_at, user_id, properties, source)
SELECT toUUID({project:String}), toString(generateUUIDv4(number)), 'track', 'view',
  fromUnixTimestamp64Milli(toInt64({start:Int64} + sipHash64(number, 1) % {span:UInt64})) AS ts, ts,
  concat('u', toString(number % {users:UInt64})),
  concat('{"page":"p', toString(sipHash64(number, 2) % {pages:UInt64}), '"}'), 'segment'
FROM numbers({events:UInt64})`,
      query_params: {
        project: a.id,
        start: YEAR_START,
        span: 360 * DAY,
        users: HEAVY_USERS,
        pages: HEAVY_PAGES,
        events: HEAVY_EVENTS,
      },
    });
  }, 120_000);
  afterAll(() => t?.close());

  const heavyReport = (query: FunnelQuery) =>
    postJson(`${t.url}/v1/projects/${a.id}/funnels/query`, query, { authorization: bearer(a.secretKey) });

  /** Sends B's small batches one after another until `stop`; the time each took to be acknowledged. */
  async function ingestStream(stop: () => boolean): Promise<{ ms: number[]; statuses: number[] }> {
    const ms: number[] = [];
    const statuses: number[] = [];
    while (!stop()) {
      const started = Date.now();
      const res = await postJson(
        `${t.url}/v1/batch`,
        {
          batch: Array.from({ length: 20 }, (_, i) => ({
            type: 'track',
            messageId: randomUUID(),
            userId: `b-${i % 5}`,
            event: i % 2 ? 'Opened' : 'Saved',
          })),
        },
        { authorization: basic(b.writeKey) },
      );
      ms.push(Date.now() - started);
      statuses.push(res.status);
      await sleep(20);
    }
    return { ms, statuses };
  }

  /** B's small reports, a funnel and a page of its events in turn, until `stop`. */
  async function smallReports(stop: () => boolean): Promise<{ ms: number[]; statuses: number[] }> {
    const ms: number[] = [];
    const statuses: number[] = [];
    for (let i = 0; !stop(); i++) {
      const started = Date.now();
      const res: JsonResponse =
        i % 2 === 0
          ? await postJson(
              `${t.url}/v1/projects/${b.id}/funnels/query`,
              {
                steps: [{ event: 'Saved' }, { event: 'Opened' }],
                windowSeconds: 3_600,
                order: 'ordered',
                aggregateBy: 'user',
                from: iso(Date.now() - DAY),
                to: iso(Date.now() + DAY),
              },
              { authorization: bearer(b.secretKey) },
            )
          : await getJson(`${t.url}/v1/projects/${b.id}/events?limit=100`, b.secretKey);
      ms.push(Date.now() - started);
      statuses.push(res.status);
      await sleep(300);
    }
    return { ms, statuses };
  }

  /** /readyz's answers, every 250 ms until `stop`. */
  async function readiness(stop: () => boolean): Promise<number[]> {
    const statuses: number[] = [];
    while (!stop()) {
      statuses.push((await fetch(`${t.url}/readyz`)).status);
      await sleep(250);
    }
    return statuses;
  }

  it('keeps B’s ingest under 1 s (p99) and its reports under 2 s, /readyz ready and RSS growth under 3 GiB; A’s third report at once gets 429', async () => {
    // The jest worker holds what earlier suites left (their stores, compiled modules): count what this load adds.
    const rssBefore = process.memoryUsage().rss;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 50);
    const loadStarted = Date.now();
    let heavyDone = false;
    const stop = () => heavyDone;
    const ingest = ingestStream(stop);
    const reports = smallReports(stop);
    const ready = readiness(stop);

    // A opens with three heavy reports at once: two run, the third is refused. Then two at a time, one of each
    // kind, for as long as the load lasts.
    const answers = new Map<FunnelQuery, JsonResponse[]>([
      [MEMORY_HEAVY, []],
      [CPU_HEAVY, []],
    ]);
    const opening = await Promise.all(
      [MEMORY_HEAVY, CPU_HEAVY, CPU_HEAVY].map(async (query) => ({
        query,
        answer: await heavyReport(query),
      })),
    );
    const refused = opening.filter(({ answer }) => answer.status === 429).map(({ answer }) => answer);
    for (const { query, answer } of opening) if (answer.status !== 429) answers.get(query)?.push(answer);
    await Promise.all(
      [...answers].map(async ([query, answered]) => {
        while (Date.now() - loadStarted < LOAD_MS) answered.push(await heavyReport(query));
      }),
    );
    heavyDone = true;
    const [b1, b2, readyStatuses] = await Promise.all([ingest, reports, ready]);
    clearInterval(sampler);

    expect(refused).toHaveLength(1);
    expect(refused[0]?.body.error.code).toBe('rate_limited');
    expect(Number(refused[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A's heavy reports end with a clear error naming the limit, or with their result.
    const tooLarge = answers.get(MEMORY_HEAVY) ?? [];
    const withinLimits = answers.get(CPU_HEAVY) ?? [];
    expect(tooLarge.length).toBeGreaterThanOrEqual(1);
    for (const answer of tooLarge) {
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('report_too_large');
    }
    expect(withinLimits.length).toBeGreaterThanOrEqual(1);
    expect(withinLimits.map((answer) => answer.status)).toEqual(withinLimits.map(() => 200));

    expect(b1.statuses.filter((s) => s !== 200)).toEqual([]);
    expect(b1.ms.length).toBeGreaterThan(20);
    expect(quantile(b1.ms, 0.99)).toBeLessThan(1_000);
    expect(b2.statuses.filter((s) => s !== 200)).toEqual([]);
    expect(b2.ms.length).toBeGreaterThan(5);
    expect(Math.max(...b2.ms)).toBeLessThan(2_000);
    expect(readyStatuses.length).toBeGreaterThan(10);
    expect(readyStatuses.filter((s) => s !== 200)).toEqual([]);
    expect(Math.max(...rss) - rssBefore).toBeLessThan(3 * GiB);
  }, 120_000);

  it('refuses a project’s third rules run within a minute with 429 and Retry-After, and not another project’s', async () => {
    const run = (p: CreatedProject) =>
      postJson(`${t.url}/v1/projects/${p.id}/rules/run`, {}, { authorization: bearer(p.secretKey) });

    expect((await run(a)).status).toBe(202);
    expect((await run(a)).status).toBe(202);
    const third = await run(a);
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await run(b)).status).toBe(202);
  });
});
