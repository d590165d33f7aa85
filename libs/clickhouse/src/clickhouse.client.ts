import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { type ChdbConnection, createChdbConnection } from 'chdb/connection';
import { type BinderyConfig, makePrivateDir } from '@bindery/config';

/** Injection token of the shared {@link ClickHouseClient}. */
export const CLICKHOUSE = Symbol('CLICKHOUSE');

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
  const { table, columns, format, chunks, settings } = insert;
  const chdb = chdbConnections.get(client);
  if (chdb) {
    const values = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
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
