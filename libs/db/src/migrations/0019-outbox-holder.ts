import { type Kysely } from 'kysely';

/**
 * Which job holds an outbox row it is sending. A job sends many rows, and a row may be named by two jobs (a
 * writer that ran again queued it in another batch): a claim takes a row that is pending, or that it holds
 * already (its own retry after a crash), never one another job holds. Rows claimed before have no holder.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').addColumn('sending_holder', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_outbox').dropColumn('sending_holder').execute();
}
