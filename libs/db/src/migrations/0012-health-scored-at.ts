import { type Kysely } from 'kysely';

/**
 * When each project's health was last scored: events received since then for days already scored (late
 * events, a back-filled import) make the next evaluation score those days again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('account_health_basis').addColumn('scored_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('account_health_basis').dropColumn('scored_at').execute();
}
