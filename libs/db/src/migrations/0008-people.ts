import { type Kysely, sql } from 'kysely';

/**
 * Deletions of a person's data (the job's durable record; one live deletion per person) and the hashes of
 * deleted people's ids and addresses that ingest and outreach keep out.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_deletions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('person_hash', 'text', (c) => c.notNull())
    .addColumn('ids', 'jsonb', (c) => c.notNull())
    .addColumn('emails', 'jsonb', (c) => c.notNull())
    .addColumn('suppress', 'boolean', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('person_deletions_live')
    .on('person_deletions')
    .columns(['project_id', 'person_hash'])
    .unique()
    .where(sql<boolean>`state in ('queued', 'running')`)
    .execute();
  await db.schema
    .createIndex('person_deletions_project_person')
    .on('person_deletions')
    .columns(['project_id', 'person_hash', 'created_at'])
    .execute();
  await db.schema
    .createTable('suppressed_people')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suppressed_people_pk', ['project_id', 'kind', 'value_hash'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suppressed_people').execute();
  await db.schema.dropTable('person_deletions').execute();
}
