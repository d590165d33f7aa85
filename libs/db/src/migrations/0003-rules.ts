import { type Kysely, sql } from 'kysely';

/**
 * What the rules worker keeps: rule definitions (versioned), the signals they raise, their runs, how far each
 * rule version has read, and each account's daily health score. Lookups by project use the leading column of
 * a unique key or primary key wherever one exists, so only signals and runs get extra indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rules')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('user', 'account')`))
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('actions', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('cooldown_hours', 'integer', (c) => c.notNull().check(sql`cooldown_hours >= 0`))
    .addColumn('enabled', 'boolean', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('rules_project_name_unique', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('signals')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('account_id', 'text')
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('signals_rule_subject_period_unique', ['rule_id', 'subject_key', 'period_key'])
    .execute();
  await db.schema
    .createIndex('signals_project_created')
    .on('signals')
    .columns(['project_id', 'created_at desc'])
    .execute();
  // The cooldown check: the newest signal of a rule for a subject.
  await db.schema
    .createIndex('signals_rule_subject_created')
    .on('signals')
    .columns(['rule_id', 'subject_key', 'created_at desc'])
    .execute();

  await db.schema
    .createTable('rule_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('schedule', 'manual')`))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // Serves a project's recent runs, and the cascade when a project is deleted.
  await db.schema
    .createIndex('rule_runs_project_created')
    .on('rule_runs')
    .columns(['project_id', 'created_at desc'])
    .execute();

  await db.schema
    .createTable('rule_watermarks')
    .addColumn('rule_id', 'uuid', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('rule_version', 'integer', (c) => c.notNull())
    .addColumn('watermark', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('rule_watermarks_pkey', ['rule_id', 'rule_version'])
    .execute();

  await db.schema
    .createTable('account_health')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 100`))
    .addColumn('components', 'jsonb', (c) => c.notNull())
    .addColumn('abc', 'text', (c) => c.check(sql`abc in ('A', 'B', 'C')`))
    .addPrimaryKeyConstraint('account_health_pkey', ['project_id', 'account_id', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['account_health', 'rule_watermarks', 'rule_runs', 'signals', 'rules']) {
    await db.schema.dropTable(table).execute();
  }
}
