import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { type ChdbConnection, createChdbConnection } from 'chdb/connection';
import { type BinderyConfig, makePrivateDir } from '@bindery/config';
import { ChdbSessionPool } from './chdb-session-pool';

/** Injection token of the shared {@link ClickHouseClient}: ingest, migrations, health. */
export const CLICKHOUSE = Symbol('CLICKHOUSE');

/**
 * Injection token of the {@link ClickHouseClient} that reports (and rule evaluations) read events with. It has
 * engine sessions (chDB) or HTTP connections (server) of its own, as many as {@link reportLanes}, so a long
 * report never holds the session ingest writes through, and the engine never runs more report queries at once.
 */
export const CLICKHOUSE_REPORTS = Symbol('CLICKHOUSE_REPORTS');

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/** The chDB connection under each embedded client, for the inserts that bypass the client's encoder. */
const chdbConnections = new WeakMap<ClickHouseClient, ChdbConnection>();

/** A ClickHouse server when CLICKHOUSE_URL is set, otherwise chDB in-process with its data under DATA_DIR. */
export function createClickHouseClient(
  config: Pick<BinderyConfig, 'clickhouse' | 'dataDir'>,
): ClickHouseClient {
  const { url, database } = config.clickhouse;
  if (url) {
    return createClient({ url, database, request_timeout: 60_000 });
  }
  const path = join(config.dataDir, 'clickhouse');
  makePrivateDir(config.dataDir, path);
  const chdb = createChdbConnection({ path });
  // chDB types its connection against @clickhouse/client-common, which @clickhouse/client bundles under
  // another path: the same interface, declared twice.
  const client = createClient({ connection: chdb as unknown as ClientConnection });
  chdbConnections.set(client, chdb);
  return client;
}

/** Threads of libuv's pool left to the rest: ingest's inserts and health checks, and Node's file, zlib and DNS work. */
const THREADS_KEPT = 2;

/**
 * How many report queries the engine runs at once: REPORT_MAX_QUERIES, and with chDB no more than libuv's thread
 * pool less two. chDB runs each query on a thread of that pool for as long as the query runs (measured: with the
 * default 4 threads, four 10 s queries held a one-row insert on a session of its own for 19 s; with 8 threads it
 * took 67 ms).
 */
export function reportLanes(config: Pick<BinderyConfig, 'clickhouse' | 'reports'>): number {
  const { maxQueries, threadpoolSize } = config.reports;
  if (config.clickhouse.url) return maxQueries;
  return Math.max(1, Math.min(maxQueries, threadpoolSize - THREADS_KEPT));
}

/**
 * The client for report queries: {@link reportLanes} connections to a server of its own, or as many chDB
 * sessions on the same data directory (see {@link ChdbSessionPool}).
 */
export function createReportsClient(
  config: Pick<BinderyConfig, 'clickhouse' | 'dataDir' | 'reports' | 'queryTimeoutSeconds'>,
): ClickHouseClient {
  const { url, database } = config.clickhouse;
  if (url) {
    return createClient({
      url,
      database,
      // The engine stops a report at QUERY_TIMEOUT_SECONDS; the socket waits a little longer for its answer.
      request_timeout: (config.queryTimeoutSeconds + 30) * 1000,
      max_open_connections: reportLanes(config),
    });
  }
  const path = join(config.dataDir, 'clickhouse');
  makePrivateDir(config.dataDir, path);
  const pool = new ChdbSessionPool(path, reportLanes(config));
  return createClient({ connection: pool as unknown as ClientConnection });
}

/** An insert whose rows are already encoded, in one of the line formats both backends take as bytes. */
export interface EncodedInsert {
  table: string;
  columns: readonly string[];
  format: 'JSONCompactEachRow' | 'JSONEachRow';
  /** Whole lines, each ending with a newline. */
  chunks: readonly Buffer[];
  settings?: Record<string, number>;
}

/**
 * Inserts rows encoded beforehand. chDB takes the bytes as they are (no copy into a SQL string, parsed by the
 * engine's parallel parser); a server gets them as the body of an HTTP insert (`exec`: the client's `insert`
 * wants row objects for the JSON formats), answered only once the insert is done.
 */
export async function insertEncoded(client: ClickHouseClient, insert: EncodedInsert): Promise<void> {
  const { table, columns, format, chunks } = insert;
  // No `priority`: on chDB 3.4 it halved insert throughput (bench:ingest, 37k against 62k events/s), more than
  // it gave back to inserts under heavy reports; reports have sessions and thread limits of their own instead.
  const settings: Record<string, number> = { ...insert.settings };
  const chdb = chdbConnections.get(client);
  if (chdb) {
    const [only, ...more] = chunks;
    const values = only && more.length === 0 ? only : Buffer.concat(chunks);

    await chdb.chdb.rawInsert({ table, columns, format, values, settings });
    return;
  }
  const { stream } = await client.exec({
    query: `INSERT INTO ${table} (${columns.join(', ')}) FORMAT ${format}`,
    values: Readable.from(chunks),
    clickhouse_settings: { ...settings, wait_end_of_query: 1 },
  });
  stream.destroy();
}
