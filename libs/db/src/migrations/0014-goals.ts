import { type Kysely, sql } from 'kysely';

/**
 * Retention goals: a project's target on one of its metrics, measured each week or month. Each ended period is
 * snapshotted once (goal and period are the key), with the target it had, so that the history keeps what was
 * promised then; the owners' periodic goals report is an outbox kind of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('goals')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('at_least', 'at_most')`))
    .addColumn('cadence', 'text', (c) => c.notNull().check(sql`cadence in ('weekly', 'monthly')`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('goals_project').on('goals').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('goal_snapshots')
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('goals.id').onDelete('cascade'))
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('period_end', 'timestamptz', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('on_track', 'boolean', (c) => c.notNull())
    .addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('goal_snapshots_pkey', ['goal_id', 'period_start'])
    .execute();

  await sql`alter table email_outbox drop constraint email_outbox_kind_check`.execute(db);
  await sql`alter table email_outbox add constraint email_outbox_kind_check
    check (kind in ('training', 'csm_alert', 'csm_digest', 'feedback_shipped', 'goal_report'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from email_outbox where kind = 'goal_report'`.execute(db);
  await sql`alter table email_outbox drop constraint email_outbox_kind_check`.execute(db);
  await sql`alter table email_outbox add constraint email_outbox_kind_check
    check (kind in ('training', 'csm_alert', 'csm_digest', 'feedback_shipped'))`.execute(db);
  await db.schema.dropTable('goal_snapshots').execute();
  await db.schema.dropTable('goals').execute();
}
