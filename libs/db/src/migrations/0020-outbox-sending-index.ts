import { type Kysely, sql } from 'kysely';

/**
 * The outbox rows being sent, by when they were claimed: the notifier looks every five minutes for rows a send
 * job claimed and left (`OutboxRepository.heldSince`), and without an index that read every row the outbox ever
 * held. Few rows are sending at a time, so the index stays small.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('email_outbox_sending')
    .on('email_outbox')
    .column('sending_at')
    .where(sql<boolean>`status = 'sending'`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('email_outbox_sending').execute();
}
