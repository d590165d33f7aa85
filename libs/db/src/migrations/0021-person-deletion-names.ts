import { type Kysely, sql } from 'kysely';

/**
 * The names of the person a deletion is about (their `name` traits), kept while it runs beside their ids and
 * addresses: texts Bindery wrote (a task's "why", an alert) name people, and the deletion redacts those names
 * too, after the traits that held them are gone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('person_deletions')
    .addColumn('names', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person_deletions').dropColumn('names').execute();
}
