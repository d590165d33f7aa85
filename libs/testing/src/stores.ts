import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The data folder of this jest worker. chDB binds one data directory per process, so every test in a worker
 * shares it; tests stay apart by creating their own projects.
 */
export function workerDataDir(): string {
  const root = process.env.BINDERY_TEST_ROOT ?? mkdtempSync(join(tmpdir(), 'bindery-test-'));
  const dir = join(root, `worker-${process.env.JEST_WORKER_ID ?? '1'}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The Postgres server the machine and CI provide. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** A DATABASE_URL whose search_path is a fresh schema of its own. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh schema on the Postgres server, so a test starts from an empty database and leaves nothing behind. */
export async function createPostgresSchema(): Promise<TestSchema> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}
