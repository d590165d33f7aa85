// Measures Segment batch ingest over loopback HTTP (events/s, ack latency) vs direct chDB inserts of the same rows.
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ClickHouseMigrator,
  createClickHouseClient as chClient,
  defaultMigrationsDir,
  encodeEventRows,
  EVENT_COLUMNS,
  insertEncoded,
  readMigrations,
} from '@bindery/clickhouse';
import { loadConfig } from '@bindery/config';
import { type EventRow } from '@bindery/contracts';
import { mapSegmentMessage } from '@bindery/ingest';
import { freePort } from '@bindery/testing';

/** Clients sending at once, one request at a time each: an ordinary fleet, then a busy one. */
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '32,256').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_MS = 2_000;
const BATCH = 100;
const TEMPLATES = 200;
const CHUNK = loadConfig(process.env, { port: 0 }).ingest.flushEvents; // the app's group-commit size
/** The aims of each fleet: events/s, and at most this p99 ack latency or at least this ratio to direct inserts. */
const aimsOf = (concurrency: number) =>
  concurrency <= 32
    ? { eventsPerSecond: 60_000, p99Ms: 250, ratio: undefined }
    : { eventsPerSecond: 100_000, p99Ms: undefined, ratio: 0.8 };
const ID = '@@ID@@';
const EVENTS = Array.from({ length: 20 }, (_, i) => `Feature ${i} Used`);
const FEATURES = ['export', 'reports', 'dashboards', 'alerts', 'billing', 'sharing', 'search', 'import'];

const dirs: string[] = [];
let child: ChildProcess | undefined;
let childLog = '';

/** A temp directory that is removed at the end, whatever happens. */
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Small properties besides `feature`: 3 to 5 of them. */
const extra = (k: number) => ({
  rows: k % 250,
  ...(k % 2 ? { format: 'csv' } : {}),
  ...(k % 3 ? {} : { beta: true }),
});

/** One batch body whose message ids are `${ID}-${index}`, to be replaced per request. */
function template(n: number): string {
  const now = Date.now();
  const batch = Array.from({ length: BATCH }, (_, i) => {
    const k = n * BATCH + i;
    return {
      type: 'track',
      messageId: `${ID}-${i}`,
      userId: `user_${(k * 7919) % 1000}`,
      event: EVENTS[k % EVENTS.length],
      timestamp: new Date(now - (k % 500)).toISOString(),
      properties: { feature: FEATURES[k % FEATURES.length], plan: 'team', ms: (k * 37) % 5_000, ...extra(k) },
      context: { groupId: `acct_${(k * 31) % 100}`, library: { name: 'analytics-node', version: '3.1.0' } },
    };
  });
  return JSON.stringify({ batch, sentAt: new Date(now).toISOString() });
}

/** Starts the built standalone app; resolves with its base URL once `/readyz` answers 200. */
async function startApp(adminToken: string): Promise<string> {
  const port = await freePort();
  const env = { ...process.env, DATA_DIR: tempDir('bindery-bench-app-'), PORT: String(port) };
  child = spawn(process.execPath, [join(__dirname, '../../standalone/src/main.js')], {
    env: { ...env, BINDERY_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => (childLog = (childLog + chunk.toString()).slice(-4_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${childLog}`);
    if ((await call(`${base}/readyz`, 'GET', {})).status === 200) return base;
    await sleep(250);
  }
  throw new Error(`the app was not ready within 60 s:\n${childLog}`);
}

/** SIGTERM, then SIGKILL if the app has not exited within 15 s. */
async function stopApp(): Promise<void> {
  const proc = child;
  child = undefined;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

const json = { 'content-type': 'application/json' };
const agent = new Agent({ keepAlive: true, maxSockets: Math.max(...CONCURRENCIES) + 1 });

type Headers = Record<string, string | number>;
type Answer = { status: number; text: string };

/** One HTTP request over the keep-alive agent: the status and text of the answer, or status 0 and the error. */
function call(url: string, method: string, headers: Headers, body?: string | Buffer): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.end(body);
  }).catch((error: Error) => ({ status: 0, text: error.message }));
}

type HttpResult = { ok: number; errors: Map<string, number>; latencies: number[] };

/** C loops, each sending one batch at a time until the deadline; counts answers completed after the warm-up. */
async function driveHttp(
  base: string,
  writeKey: string,
  parts: string[][],
  concurrency: number,
): Promise<HttpResult> {
  const runId = randomUUID();
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  const result: HttpResult = { ok: 0, errors: new Map(), latencies: [] };
  const start = performance.now();
  const counted = start + WARMUP_MS;
  const end = counted + SECONDS * 1_000;
  let seq = 0;
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const n = seq++;
      const body = Buffer.from((parts[n % parts.length] ?? []).join(`${runId}-${n}`));
      const headers = { ...json, 'content-length': body.length, authorization: auth };
      const sent = performance.now();
      const answer = await call(`${base}/v1/batch`, 'POST', headers, body);
      const done = performance.now();
      if (done < counted || done > end) continue;
      if (answer.status === 200 && answer.text.includes(`"accepted":${BATCH},`)) {
        result.ok++;
        result.latencies.push(done - sent);
      } else {
        const key = `${answer.status} ${answer.text.slice(0, 120)}`;
        result.errors.set(key, (result.errors.get(key) ?? 0) + 1);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return result;
}

/**
 * Inserts chunks of the same rows (fresh event ids) straight into chDB, sequentially, encoded and inserted as
 * the app's writer does (its encoding counted); returns rows/s.
 */
async function driveDirect(rows: EventRow[]): Promise<number> {
  const client = chClient({ dataDir: tempDir('bindery-bench-direct-'), clickhouse: { database: 'default' } });
  try {
    await new ClickHouseMigrator(client, {}, readMigrations(defaultMigrationsDir())).migrate();
    const runId = randomUUID();
    let seq = 0;
    const chunk = (): EventRow[] => {
      const offset = (seq * CHUNK) % rows.length;
      const n = seq++;
      return rows.slice(offset, offset + CHUNK).map((r, i) => ({ ...r, event_id: `${runId}-${n}-${i}` }));
    };
    const insert = (values: EventRow[]) =>
      insertEncoded(client, {
        table: 'events',
        columns: EVENT_COLUMNS,
        format: 'JSONCompactEachRow',
        chunks: [encodeEventRows(values)],
        settings: { parallel_view_processing: 1 },
      });
    await insert(chunk()); // warm-up, not counted
    let inserted = 0;
    const start = performance.now();
    const end = start + SECONDS * 1_000;
    while (performance.now() < end) {
      const values = chunk();
      await insert(values);
      inserted += values.length;
    }
    return inserted / ((performance.now() - start) / 1_000);
  } finally {
    await client.close();
  }
}

/** The same messages as the HTTP bodies, mapped onto rows exactly as ingest maps them. */
function mapRows(parts: string[][]): EventRow[] {
  const projectId = randomUUID();
  const rows: EventRow[] = [];
  for (const [t, p] of parts.entries()) {
    const body = JSON.parse(p.join(`direct-${t}`)) as { batch: unknown[]; sentAt: string };
    const envelope = { sentAt: body.sentAt, receivedAt: Date.now(), maxEventBytes: 32 * 1024 };
    for (const item of body.batch) {
      const mapped = mapSegmentMessage(projectId, item, undefined, envelope);
      if (!mapped.ok) throw new Error(`a bench message was refused: ${mapped.message}`);
      rows.push(mapped.row);
    }
  }
  return rows;
}

/** The value at quantile q of sorted numbers. */
const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** One fleet against a new app: its figures, and the app's insert metrics. */
async function driveApp(parts: string[][], concurrency: number) {
  const adminToken = `adm_bench_${randomBytes(24).toString('hex')}`;
  const base = await startApp(adminToken);
  const admin = { ...json, authorization: `Bearer ${adminToken}` };
  const project = await call(`${base}/v1/projects`, 'POST', admin, JSON.stringify({ name: 'bench' }));
  if (project.status !== 201 && project.status !== 200)
    throw new Error(`POST /v1/projects: ${project.status} ${project.text}`);
  const { writeKey } = JSON.parse(project.text) as { writeKey: string };
  const http = await driveHttp(base, writeKey, parts, concurrency);
  const metrics = (await call(`${base}/metrics`, 'GET', {})).text;
  const peakRss = peakRssOf(child?.pid);
  await stopApp();
  return { http, metrics, peakRss };
}

/** A process's peak resident memory in bytes (Linux's VmHWM), or NaN where /proc does not tell. */
function peakRssOf(pid: number | undefined): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kib) * 1024;
  } catch {
    return NaN;
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });

async function main(): Promise<void> {
  if (!(CONCURRENCIES.every((c) => c >= 1) && SECONDS > 0)) {
    throw new Error('BENCH_CONCURRENCY (comma-separated), BENCH_SECONDS: must be > 0');
  }
  const parts = Array.from({ length: TEMPLATES }, (_, n) => template(n).split(ID));
  const runs = [];
  for (const concurrency of CONCURRENCIES) runs.push({ concurrency, ...(await driveApp(parts, concurrency)) });
  agent.destroy();
  const direct = await driveDirect(mapRows(parts));

  const lines = [
    `${SECONDS} s per fleet (+${WARMUP_MS / 1000} s warm-up), ${BATCH} events/request, direct chunks of ${CHUNK}`,
    `direct insert of the same rows: ${fmt(direct)} events/s`,
  ];
  for (const { concurrency, http, metrics, peakRss } of runs) {
    const sorted = http.latencies.sort((a, b) => a - b);
    const httpRate = (http.ok * BATCH) / SECONDS;
    const ratio = httpRate / direct;
    const p99 = quantile(sorted, 0.99);
    const errors = [...http.errors.values()].reduce((a, b) => a + b, 0);
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1]);
    const inserts = metric('bindery_ingest_insert_events_count');
    const insertEvents = metric('bindery_ingest_insert_events_sum') / inserts;
    const insertMs = (metric('bindery_ingest_insert_seconds_sum') / inserts) * 1000;
    const aims = aimsOf(concurrency);
    const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
    const rows: [string, string][] = [
      ['HTTP events/s', fmt(httpRate)],
      ['HTTP requests/s', fmt(http.ok / SECONDS, 1)],
      ['ack latency p50 (ms)', fmt(quantile(sorted, 0.5), 1)],
      ['ack latency p99 (ms)', fmt(p99, 1)],
      ['non-200 / failed requests', fmt(errors)],
      ['app inserts (whole run)', `${fmt(inserts)}, mean ${fmt(insertEvents)} events, ${fmt(insertMs, 1)} ms`],
      ['ratio HTTP / direct', fmt(ratio, 2)],
      ['app peak RSS (MB)', fmt(peakRss / 2 ** 20)],
      [`aim ≥ ${fmt(aims.eventsPerSecond)} events/s`, verdict(httpRate >= aims.eventsPerSecond)],
    ];
    if (aims.p99Ms !== undefined) rows.push([`aim p99 ≤ ${aims.p99Ms} ms`, verdict(p99 <= aims.p99Ms)]);
    if (aims.ratio !== undefined) rows.push([`aim ratio ≥ ${aims.ratio}`, verdict(ratio >= aims.ratio)]);
    lines.push('', `${concurrency} clients`, ...rows.map(([k, v]) => `  ${k.padEnd(28)} ${v}`));
    for (const [what, count] of http.errors) lines.push(`    ${count} × ${what}`);
  }
  process.stdout.write(`\nIngest benchmark\n${lines.join('\n')}\n`);
}

void main()
  .catch((error: unknown) => {
    process.exitCode = 1;
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  })
  .finally(async () => {
    await stopApp().catch(() => child?.kill('SIGKILL'));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    process.exit();
  });
