import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { type ClickHouseClient, ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { loadConfig } from '@bindery/config';
import { type EventRow } from '@bindery/contracts';
import { MetricsRegistry } from '@bindery/server';
import { eventRow, nth, workerDataDir } from '@bindery/testing';
import { createClickHouseClient } from './clickhouse.client';
import { EventWriter } from './event-writer';
import { ClickHouseMigrator, defaultMigrationsDir, readMigrations } from './migration-runner';

/** A track of "Used" by u1 in a1 on 2026-03-02; `over` sets the rest. */
const row = (projectId: string, over: Partial<EventRow> = {}) =>
  eventRow(projectId, Date.parse('2026-03-02T10:00:00Z'), {
    event: 'Used',
    feature: 'Used',
    user_id: 'u1',
    account_id: 'a1',
    library_name: '',
    library_version: '',
    ...over,
  });

const rowsOf = (projectId: string, n: number, over: Partial<EventRow> = {}) =>
  Array.from({ length: n }, () => row(projectId, over));

/** Rows the engine refuses: a lone surrogate (ClickHouse's JSON reader fails the whole insert on one). */
const poison = (projectId: string) => [row(projectId), row(projectId, { event: 'Bad \ud800' })];

/** Settles a promise into its outcome, so that a test can wait for many and then look at each. */
const outcome = (p: Promise<void>) =>
  p.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error: error as { code?: string; message: string } }),
  );

describe('EventWriter (group commit) on chDB', () => {
  const config = loadConfig({ DATA_DIR: workerDataDir() }, { port: 0 });
  let client: ClickHouseClient;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    client = createClickHouseClient(config);
    await new ClickHouseMigrator(client, {}, readMigrations(defaultMigrationsDir())).migrate();
  });
  afterAll(() => client.close());

  async function rows<T>(query: string, params: Record<string, unknown>): Promise<T[]> {
    return (await client.query({ query, query_params: params, format: 'JSONEachRow' })).json<T>();
  }

  /** Rows stored for the project, and how many distinct event ids they hold. */
  async function stored(projectId: string): Promise<{ rows: number; ids: number }> {
    const [r] = await rows<{ n: string; ids: string }>(
      'SELECT count() AS n, uniqExact(event_id) AS ids FROM events FINAL WHERE project_id = {p:UUID}',
      { p: projectId },
    );
    return { rows: Number(r?.n ?? 0), ids: Number(r?.ids ?? 0) };
  }

  function writer(env: Record<string, string>, on: ClickHouseClient = client) {
    const metrics = new MetricsRegistry();
    const w = new EventWriter(on, loadConfig({ DATA_DIR: workerDataDir(), ...env }, { port: 0 }), metrics);
    return { w, metrics };
  }
  const inserts = async (metrics: MetricsRegistry) =>
    (await metrics.getSingleMetric('bindery_ingest_insert_events')!.get()).values.find(
      (v) => (v as { metricName?: string }).metricName === 'bindery_ingest_insert_events_count',
    )!.value;
  const refused = async (metrics: MetricsRegistry) =>
    (await metrics.getSingleMetric('bindery_ingest_refused_requests_total')!.get()).values[0]?.value;

  it('shares one insert among concurrent writes and settles each only once its rows are stored', async () => {
    const projectId = randomUUID();
    const { w, metrics } = writer({ INGEST_FLUSH_EVENTS: '1000', INGEST_FLUSH_INTERVAL_MS: '200' });
    const writes = Array.from({ length: 20 }, () => rowsOf(projectId, 10));
    await Promise.all(writes.map((r) => w.write(r)));
    expect(await inserts(metrics)).toBe(1);
    expect(await stored(projectId)).toEqual({ rows: 200, ids: 200 });
    expect(w.depth).toBe(0);
  });

  it('stores every column of a row exactly as given', async () => {
    const projectId = randomUUID();
    const { w } = writer({ INGEST_FLUSH_INTERVAL_MS: '10' });
    const odd = 'tab\there "quoted" back\\slash\nnew line é 😀 \u2028';
    const given = row(projectId, {
      type: 'identify',
      event: `$identify ${odd}`,
      feature: '',
      timestamp: -5_000,
      user_id: odd,
      anonymous_id: 'anon 1',
      session_id: 's\t1',
      properties: JSON.stringify({ text: odd, n: 1.5, nested: { a: [1, null] } }),
      context: JSON.stringify({ ip: '203.0.113.9' }),
      traits: JSON.stringify({ plan: odd }),
      library_name: 'lib "x"',
      library_version: '1.0',
      source: 'posthog',
    });
    await w.write([given]);
    const row0 = nth(
      await rows<Record<string, unknown>>(
        `SELECT * EXCEPT (timestamp, received_at), toUnixTimestamp64Milli(timestamp) AS timestamp,
         toUnixTimestamp64Milli(received_at) AS received_at
       FROM events WHERE project_id = {p:UUID}`,
        { p: projectId },
      ),
      0,
    );
    expect({ ...row0, timestamp: Number(row0.timestamp), received_at: Number(row0.received_at) }).toEqual({
      ...given,
      retain_until: '2106-01-01 00:00:00',
    });
  });

  it('stamps rows with their timestamp plus the retention, within DateTime’s range', async () => {
    const projectId = randomUUID();
    const { w } = writer({ INGEST_FLUSH_INTERVAL_MS: '10' });
    const soon = Date.UTC(2026, 11, 6, 1, 2, 3, 456);
    await w.write([row(projectId, { event_id: 'soon', timestamp: soon })], 30);
    await w.write([row(projectId, { event_id: 'late', timestamp: Date.UTC(2105, 5, 1) })], 3650);
    expect(
      await rows(`SELECT event_id, retain_until FROM events WHERE project_id = {p:UUID} ORDER BY event_id`, {
        p: projectId,
      }),
    ).toEqual([
      { event_id: 'late', retain_until: '2106-01-01 00:00:00' },
      { event_id: 'soon', retain_until: '2027-01-05 01:02:03' },
    ]);
  });

  it('flushes at the event threshold without waiting for the interval', async () => {
    const { w, metrics } = writer({ INGEST_FLUSH_EVENTS: '50', INGEST_FLUSH_INTERVAL_MS: '10000' });
    const started = Date.now();
    await w.write(Array.from({ length: 50 }, () => row(randomUUID())));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await inserts(metrics)).toBe(1);
  });

  it('refuses with 503 and Retry-After instead of buffering past its bound', async () => {
    const { w } = writer({ INGEST_MAX_BUFFERED_EVENTS: '50', INGEST_FLUSH_INTERVAL_MS: '100' });
    const accepted = w.write(Array.from({ length: 40 }, () => row(randomUUID())));
    const refusedWrite = w.write(Array.from({ length: 20 }, () => row(randomUUID())));
    await expect(refusedWrite).rejects.toMatchObject({ code: 'unavailable', retryAfterSeconds: 1 });
    await expect(accepted).resolves.toBeUndefined();
  });

  describe('a request whose rows the engine refuses', () => {
    it('fails alone (422, with the reason): every other request of its insert is stored once', async () => {
      const good = randomUUID();
      const bad = randomUUID();
      const { w, metrics } = writer({ INGEST_FLUSH_INTERVAL_MS: '200' });
      const goodWrites = Array.from({ length: 20 }, () => outcome(w.write(rowsOf(good, 10))));
      const badWrite = outcome(w.write(poison(bad)));
      const results = await Promise.all(goodWrites);
      const badResult = await badWrite;

      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(badResult).toMatchObject({
        ok: false,
        error: { code: 'unprocessable', message: expect.stringMatching(/surrogate/) },
      });
      expect(await stored(good)).toEqual({ rows: 200, ids: 200 });
      expect(await stored(bad)).toEqual({ rows: 0, ids: 0 });
      expect(await refused(metrics)).toBe(1);
      // The shared insert was halved: a few inserts, not one per request.
      expect(await inserts(metrics)).toBeGreaterThan(1);
      expect(await inserts(metrics)).toBeLessThanOrEqual(10);
      expect(w.depth).toBe(0);
    });

    it('finds each of several bad requests among many, and no other', async () => {
      const good = randomUUID();
      const bad = randomUUID();
      const { w, metrics } = writer({ INGEST_FLUSH_INTERVAL_MS: '200' });
      const badAt = new Set([0, 17, 18, 39]);
      const writes = Array.from({ length: 40 }, (_, i) =>
        outcome(w.write(badAt.has(i) ? poison(bad) : rowsOf(good, 5))),
      );
      const results = await Promise.all(writes);

      expect(results.flatMap((r, i) => (r.ok ? [] : [i]))).toEqual([...badAt]);
      for (const i of badAt)
        expect(results[i]).toMatchObject({ ok: false, error: { code: 'unprocessable' } });
      expect(await stored(good)).toEqual({ rows: 180, ids: 180 });
      expect(await stored(bad)).toEqual({ rows: 0, ids: 0 });
      expect(await refused(metrics)).toBe(4);
      expect(w.depth).toBe(0);
    });

    it('is found while later writes queue, and the writer goes on with them', async () => {
      const projectId = randomUUID();
      const { w } = writer({ INGEST_FLUSH_INTERVAL_MS: '50', INGEST_FLUSH_EVENTS: '100' });
      const first = [outcome(w.write(poison(projectId))), outcome(w.write(rowsOf(projectId, 60)))];
      const later = Array.from({ length: 10 }, () => outcome(w.write(rowsOf(projectId, 30))));
      const results = await Promise.all([...first, ...later]);

      expect(results.map((r) => r.ok)).toEqual([false, ...Array.from({ length: 11 }, () => true)]);
      expect(await stored(projectId)).toEqual({ rows: 360, ids: 360 });
      expect(w.depth).toBe(0);
    });
  });

  it('stores rows in every month from the earliest accepted time to now in one insert', async () => {
    const projectId = randomUUID();
    const { w, metrics } = writer({ INGEST_FLUSH_INTERVAL_MS: '10' });
    const months: EventRow[] = [];
    for (let i = 0; Date.UTC(2000, i, 1) <= Date.now(); i++) {
      months.push(row(projectId, { timestamp: Date.UTC(2000, i, 1) }));
    }
    expect(months.length).toBeGreaterThan(300);
    await w.write(months);
    expect(await inserts(metrics)).toBe(1);
    expect(await stored(projectId)).toEqual({ rows: months.length, ids: months.length });
  });

  it('answers every write 503 when the engine cannot be reached, blaming no request', async () => {
    // A ClickHouse server nobody listens on: the error says nothing about the rows.
    const unreachable = createClient({ url: 'http://127.0.0.1:9', log: { level: ClickHouseLogLevel.OFF } });
    const { w, metrics } = writer({ INGEST_FLUSH_INTERVAL_MS: '50' }, unreachable);
    const writes = Array.from({ length: 5 }, () => outcome(w.write(rowsOf(randomUUID(), 3))));
    const results = await Promise.all(writes);
    await unreachable.close();

    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(await refused(metrics)).toBe(0);
    expect(w.depth).toBe(0);
  });

  it('on shutdown, inserts what it holds and then refuses new writes', async () => {
    const projectId = randomUUID();
    const { w } = writer({ INGEST_FLUSH_INTERVAL_MS: '10000' });
    const pending = w.write([row(projectId), row(projectId)]);
    await w.beforeApplicationShutdown();
    await expect(pending).resolves.toBeUndefined();
    await expect(w.write([row(projectId)])).rejects.toMatchObject({ code: 'unavailable' });
    expect(await stored(projectId)).toEqual({ rows: 2, ids: 2 });
  });

  it('on shutdown, settles every write of an insert it is still halving before it returns', async () => {
    const projectId = randomUUID();
    const { w } = writer({ INGEST_FLUSH_INTERVAL_MS: '10000' });
    const writes = [
      ...Array.from({ length: 8 }, () => outcome(w.write(rowsOf(projectId, 4)))),
      outcome(w.write(poison(randomUUID()))),
    ];
    await w.beforeApplicationShutdown();
    expect(w.depth).toBe(0);
    const results = await Promise.all(writes);
    expect(results.map((r) => r.ok)).toEqual([...Array.from({ length: 8 }, () => true), false]);
    expect(await stored(projectId)).toEqual({ rows: 32, ids: 32 });
  });
});
