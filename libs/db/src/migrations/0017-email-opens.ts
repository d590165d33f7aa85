import { type Kysely, sql } from 'kysely';

/**
 * The first load of an email's tracking image (projects that turn open tracking on): an email counts as opened
 * once, however often it is loaded. Unreliable by nature, and kept apart from the clicks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_opens')
    .addColumn('outbox_id', 'uuid', (c) => c.primaryKey().references('email_outbox.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_opens').execute();
}
