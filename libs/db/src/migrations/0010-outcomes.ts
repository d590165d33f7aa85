import { type Kysely, sql } from 'kysely';

/**
 * Whether the outreach worked: a rule holds out a share of its subjects (signal recorded, no action) and names
 * the goal a subject should reach after a signal. Each version of a rule keeps the hold-out and goal it had, so
 * that an effect is reported per version; a signal records the arm its subject was in. An email's first click
 * on a tracked link is kept for the message analytics.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('rules')
    .addColumn('holdout_pct', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`holdout_pct between 0 and 50`),
    )
    // Null: the rule type's default goal.
    .addColumn('goal', 'jsonb')
    .execute();

  await db.schema
    .createTable('rule_versions')
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('holdout_pct', 'integer', (c) => c.notNull())
    .addColumn('goal', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('rule_versions_pkey', ['rule_id', 'version'])
    .execute();
  await sql`insert into rule_versions (rule_id, version, holdout_pct, goal, created_at)
    select id, version, 0, null, updated_at from rules`.execute(db);

  await db.schema
    .alterTable('signals')
    .addColumn('held_out', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  // The effect report: a rule version's signals in a time range.
  await db.schema
    .createIndex('signals_rule_version_created')
    .on('signals')
    .columns(['rule_id', 'rule_version', 'created_at'])
    .execute();

  // The first click on a tracked link of an email: an email counts as clicked once, however often it is.
  await db.schema
    .createTable('email_clicks')
    .addColumn('outbox_id', 'uuid', (c) => c.primaryKey().references('email_outbox.id').onDelete('cascade'))
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('clicked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_clicks').execute();
  await db.schema.dropIndex('signals_rule_version_created').execute();
  await db.schema.alterTable('signals').dropColumn('held_out').execute();
  await db.schema.dropTable('rule_versions').execute();
  await db.schema.alterTable('rules').dropColumn('goal').dropColumn('holdout_pct').execute();
}
