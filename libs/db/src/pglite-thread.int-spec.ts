import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { createDatabase, migrateDatabase } from './database';
import { PGliteThread } from './pglite-thread';
import { type Database } from './schema';
import { isUniqueViolation } from './unique-violation';

describe('PGlite in a thread of its own', () => {
  let dir: string;
  let db: Kysely<Database>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bindery-pglite-thread-'));
    db = createDatabase({ dataDir: dir });
    await migrateDatabase(db);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers rows as Postgres gives them: dates, JSON, arrays, nulls', async () => {
    const { rows } = await sql<{
      at: Date;
      day: Date;
      doc: { a: number[] };
      list: string[];
      none: null;
      n: number;
    }>`select timestamptz '2026-12-07 10:00:00.123+00' as at, date '2026-12-07' as day,
        '{"a": [1, 2]}'::jsonb as doc, array['x', 'y'] as list, null as none, 42 as n`.execute(db);

    expect(rows).toEqual([
      {
        at: new Date('2026-12-07T10:00:00.123Z'),
        day: new Date('2026-12-07T00:00:00.000Z'),
        doc: { a: [1, 2] },
        list: ['x', 'y'],
        none: null,
        n: 42,
      },
    ]);
    expect(rows[0]?.at).toBeInstanceOf(Date);
  });

  it("fails a statement with Postgres' code and constraint, and goes on", async () => {
    const org = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e61';
    const project = { id: '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e60', organization_id: org, name: 'p' };
    await db.insertInto('organizations').values({ id: org, name: 'org' }).execute();
    await db.insertInto('projects').values(project).execute();

    const again = await db
      .insertInto('projects')
      .values(project)
      .execute()
      .catch((error: unknown) => error);

    expect(isUniqueViolation(again, 'projects_pkey')).toBe(true);
    expect((again as Error).message).toMatch(/duplicate key/);
    const stored = await db.selectFrom('projects').select('name').where('id', '=', project.id).execute();
    expect(stored).toEqual([{ name: 'p' }]);
  });

  it('rolls a failed transaction back', async () => {
    const second = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e62';
    const failed = await db
      .transaction()
      .execute(async (tx) => {
        await tx.insertInto('organizations').values({ id: second, name: 'two' }).execute();
        throw new Error('changed my mind');
      })
      .catch((error: unknown) => (error as Error).message);

    expect(failed).toBe('changed my mind');
    const stored = await db.selectFrom('organizations').select('id').where('id', '=', second).execute();
    expect(stored).toEqual([]);
  });

  it('leaves the main thread free while a statement runs', async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 5);
    // Long enough to span several of the timer's turns: on the main thread, PGlite ran it in one piece.
    await sql`select count(*) from generate_series(1, 3000000)`.execute(db);
    clearInterval(timer);

    expect(turns).toBeGreaterThan(0);
  });

  it('fails every statement after the database is closed, with the reason', async () => {
    const own = new PGliteThread(join(dir, 'second'));
    expect((await own.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await own.close();

    await expect(own.query('select 1')).rejects.toThrow(/PGlite thread exited/);
  });
});
