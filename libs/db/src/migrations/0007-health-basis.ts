import { type Kysely } from 'kysely';

/**
 * What each project's health history was computed with: the weights and key features (as a fingerprint) and
 * the newest day scored. A history computed with other settings is recomputed, 90 days back, at the next
 * evaluation; one that stops short of today is filled up to it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_health_basis')
    .addColumn('project_id', 'uuid', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('last_day', 'date', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_health_basis').execute();
}
