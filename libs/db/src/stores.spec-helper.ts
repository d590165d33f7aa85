// The two stores every repository spec runs on: PGlite in a temp folder, and a fresh schema on the Postgres server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely } from 'kysely';
import { createPostgresSchema, type TestSchema } from '@bindery/testing';
import { createDatabase } from './database';
import { type Database } from './schema';

export interface Store {
  name: string;
  open(): Promise<{ db: Kysely<Database>; cleanup: () => Promise<void> }>;
}

export const stores: Store[] = [
  {
    name: 'PGlite',
    async open() {
      const dataDir = mkdtempSync(join(tmpdir(), 'bindery-pglite-'));
      const db = createDatabase({ dataDir });
      return { db, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL server',
    async open() {
      const schema: TestSchema = await createPostgresSchema();
      const db = createDatabase({ databaseUrl: schema.url, dataDir: '' });
      return { db, cleanup: () => schema.drop() };
    },
  },
];

/** A fresh project in a fresh organization, written directly, so that repository specs stay apart. */
export async function insertProject(db: Kysely<Database>): Promise<string> {
  const organizationId = randomUUID();
  const projectId = randomUUID();
  await db.insertInto('organizations').values({ id: organizationId, name: organizationId }).execute();
  await db
    .insertInto('projects')
    .values({ id: projectId, organization_id: organizationId, name: 'P' })
    .execute();
  return projectId;
}
