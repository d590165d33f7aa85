import { type Kysely } from 'kysely';

/**
 * Whom an outbox email comes from, fixed when it is written (the project's brand sender then): a change of
 * sender applies to emails written after it, never to one already queued or retried. Null: MAIL_FROM.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('email_outbox')
    .addColumn('from_name', 'text')
    .addColumn('from_address', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('from_name').dropColumn('from_address').execute();
}
