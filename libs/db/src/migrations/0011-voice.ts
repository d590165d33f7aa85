import { type Kysely, sql } from 'kysely';

/**
 * The customer's voice: survey definitions, each project's survey secret (the HMAC key its server signs user
 * ids with), and every showing of a survey to a person, closed by that person's answer or dismissal. Ingest
 * checks a survey answer against its showing, and the SDK fetch reads a person's last showing for the interval.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('surveys')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('nps', 'csat', 'open')`))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('targeting', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('surveys_project_name_unique', ['project_id', 'name'])
    .execute();

  // An HMAC key must be known to verify a signature, so it is kept as such (as a webhook secret is).
  await db.schema
    .createTable('survey_secrets')
    .addColumn('project_id', 'uuid', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('survey_showings')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('shown_at', 'timestamptz', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('answered', 'dismissed')`))
    .addColumn('outcome_event_id', 'text')
    .addColumn('closed_at', 'timestamptz')
    .addPrimaryKeyConstraint('survey_showings_pkey', ['project_id', 'event_id'])
    .execute();
  await db.schema
    .createIndex('survey_showings_person')
    .on('survey_showings')
    .columns(['project_id', 'user_id', 'shown_at desc'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('survey_showings').execute();
  await db.schema.dropTable('survey_secrets').execute();
  await db.schema.dropTable('surveys').execute();
}
