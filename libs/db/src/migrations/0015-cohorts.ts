import { type Kysely, sql } from 'kysely';

/**
 * Cohorts: a saved list of people or accounts. A static cohort keeps the members it had when saved (one row
 * each in cohort_members); a dynamic one keeps the query that finds them (its definition) and runs it on read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cohorts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('people', 'accounts')`))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('static', 'dynamic')`))
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('cohorts_project')
    .on('cohorts')
    .columns(['project_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('cohort_members')
    .addColumn('cohort_id', 'uuid', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_members_pkey', ['cohort_id', 'member_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('cohort_members').execute();
  await db.schema.dropTable('cohorts').execute();
}
