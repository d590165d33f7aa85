import { type Kysely, sql } from 'kysely';

/** A project's settings: how account health is weighed and which features are key (more join later). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('project_settings')
    .addColumn('project_id', 'uuid', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('project_settings').execute();
}
