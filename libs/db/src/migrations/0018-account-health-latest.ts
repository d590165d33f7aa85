import { type Kysely, sql } from 'kysely';

/**
 * Each account's newest stored score and class, kept beside the daily history as it is written: the accounts
 * list ranks every account of a project by it, and finding the newest of 90 days per account in the history
 * reads every stored day (seconds at 100,000 accounts). Filled from the history already stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_health_latest')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('abc', 'text')
    .addPrimaryKeyConstraint('account_health_latest_pkey', ['project_id', 'account_id'])
    .execute();
  await sql`insert into account_health_latest (project_id, account_id, day, score, abc)
    select distinct on (project_id, account_id) project_id, account_id, day, score, abc
    from account_health
    order by project_id, account_id, day desc`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_health_latest').execute();
}
