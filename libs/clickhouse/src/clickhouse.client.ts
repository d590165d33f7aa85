import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { type BinderyConfig } from '@bindery/config';

/** Injection token of the shared {@link ClickHouseClient}. */
export const CLICKHOUSE = Symbol('CLICKHOUSE');

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

/** A ClickHouse server when CLICKHOUSE_URL is set, otherwise chDB in-process with its data under DATA_DIR. */
export function createClickHouseClient(
  config: Pick<BinderyConfig, 'clickhouse' | 'dataDir'>,
): ClickHouseClient {
  const { url, database } = config.clickhouse;
  if (url) {
    return createClient({ url, database, request_timeout: 60_000 });
  }
  const path = join(config.dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  // chDB types its connection against @clickhouse/client-common, which @clickhouse/client bundles under
  // another path: the same interface, declared twice.
  const connection = createChdbConnection({ path }) as unknown as ClientConnection;
  return createClient({ connection });
}
