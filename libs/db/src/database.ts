import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';

import { PGliteDialect } from 'kysely-pglite-dialect';
import { Pool } from 'pg';
import { type BinderyConfig, makePrivateDir } from '@bindery/config';
import { migrations } from './migrations';
import { type Database } from './schema';

/** Injection token of the shared `Kysely<Database>`. */
export const DB = Symbol('DB');

/** Postgres when DATABASE_URL is set, otherwise PGlite with its data under DATA_DIR. */
export function createDatabase(config: Pick<BinderyConfig, 'databaseUrl' | 'dataDir'>): Kysely<Database> {
  if (config.databaseUrl) {
    return new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new Pool({ connectionString: config.databaseUrl, max: 10 }) }),
    });
  }
  const path = join(config.dataDir, 'pglite');
  makePrivateDir(config.dataDir, path);
  return new Kysely<Database>({ dialect: new PGliteDialect(new PGlite(path)) });
}

/** Applies pending Postgres migrations; fails loudly with the migration that broke. */
export async function migrateDatabase(db: Kysely<Database>): Promise<string[]> {
  // Kysely looks for its ledger in every schema unless told which: two databases in schemas of one server
  // (tests, or tenants of one cluster) would otherwise find each other's.
  const {
    rows: [current],
  } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  if (!current) throw new Error('Postgres named no current schema');
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: current.schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    throw new Error(`Postgres migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
