import { type Kysely, sql } from 'kysely';

/**
 * Signals that follow the customer: a signal stays open while its rule's condition holds and is resolved, with
 * a reason, once it clears. A task records how it was closed (its outcome), and people leave notes on tasks
 * and accounts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('signals')
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution', 'text')
    .execute();
  // Each evaluation re-checks the open signals of each rule.
  await db.schema
    .createIndex('signals_rule_open')
    .on('signals')
    .columns(['rule_id', 'subject_key'])
    .where(sql<boolean>`resolved_at is null`)
    .execute();

  await db.schema
    .alterTable('tasks')
    .addColumn('outcome', 'text', (c) =>
      c.check(
        sql`outcome in ('resolved', 'no_response', 'churn_risk_confirmed', 'other', 'condition_cleared')`,
      ),
    )
    .addColumn('outcome_note', 'text')
    .execute();

  await db.schema
    .createTable('notes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'uuid', (c) => c.references('tasks.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('notes_account_created')
    .on('notes')
    .columns(['project_id', 'account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notes').execute();
  await db.schema.alterTable('tasks').dropColumn('outcome_note').dropColumn('outcome').execute();
  await db.schema.dropIndex('signals_rule_open').execute();
  await db.schema.alterTable('signals').dropColumn('resolution').dropColumn('resolved_at').execute();
}
