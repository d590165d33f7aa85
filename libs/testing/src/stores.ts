import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * The data folder of this jest worker process. chDB binds one data directory per process, so every test of a
 * file shares it; tests stay apart by creating their own projects. jest starts a fresh worker process for each
 * test file (jest.config.js), and each process takes a folder of its own: a file's mutations and merges never
 * wait on the rows of the files that ran before it. The folders of this worker's earlier processes, which
 * have exited, are removed.
 */
export function workerDataDir(): string {
  const root = process.env.BINDERY_TEST_ROOT ?? mkdtempSync(join(tmpdir(), 'bindery-test-'));
  const worker = `worker-${process.env.JEST_WORKER_ID ?? '1'}-`;
  const dir = join(root, `${worker}${process.pid}`);
  if (!existsSync(dir)) {
    for (const name of readdirSync(root)) {
      const pid = Number(name.slice(worker.length));
      if (name.startsWith(worker) && pid !== process.pid && !isRunning(pid)) {
        rmSync(join(root, name), { recursive: true, force: true });
      }
    }
    mkdirSync(dir, { recursive: true });
  }
  return dir;
}

/** Whether a process of this id is running. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
