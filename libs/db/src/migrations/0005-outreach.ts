import { type Kysely, sql } from 'kysely';

/**
 * What the notifier keeps: customer-success tasks and their timeline, a project's email templates and training
 * content, the email outbox (one row per message, its id the BullMQ job's) and the addresses never to email.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('account_id', 'text')
    .addColumn('rule_id', 'uuid', (c) => c.references('rules.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority in ('P1', 'P2', 'P3', 'P4')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'in_progress', 'snoozed', 'done', 'dismissed')`),
    )
    .addColumn('assignee', 'text')
    .addColumn('snoozed_until', 'timestamptz')
    .addColumn('quiet_until', 'timestamptz')
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('signal_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One live task per account and rule; a task about no account counts as about the account ''.
  await db.schema
    .createIndex('tasks_live_unique')
    .on('tasks')
    .unique()
    .expression(sql`project_id, coalesce(account_id, ''), rule_id`)
    .where(sql<boolean>`status in ('open', 'in_progress', 'snoozed')`)
    .execute();
  // The task list's order (and its pages), and the cascade when a project is deleted.
  await db.schema
    .createIndex('tasks_project_priority_due')
    .on('tasks')
    .columns(['project_id', 'priority', 'due_at', 'id'])
    .execute();
  // Whether a snoozed or dismissed task keeps a rule quiet for an account; and `set null` when a rule goes.
  await db.schema
    .createIndex('tasks_rule_account')
    .on('tasks')
    .expression(sql`rule_id, coalesce(account_id, '')`)
    .execute();

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('task_id', 'uuid', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('change', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_events_task_at').on('task_events').columns(['task_id', 'at']).execute();

  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('email_templates_project_name_unique', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('training_content')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('training_content_project_key_unique', ['project_id', 'key'])
    .execute();

  // No foreign key to signals: a signal goes with its rule, the record of what was emailed stays.
  await db.schema
    .createTable('email_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('signal_id', 'uuid')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('training', 'csm_alert', 'csm_digest')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('headers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sending', 'sent', 'failed', 'skipped')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('skip_reason', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sending_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .execute();
  // The frequency cap: what a recipient was sent lately.
  await db.schema
    .createIndex('email_outbox_project_recipient_created')
    .on('email_outbox')
    .columns(['project_id', 'recipient', 'created_at desc'])
    .execute();
  // A project's outbox, newest first; and the cascade when a project is deleted.
  await db.schema
    .createIndex('email_outbox_project_created')
    .on('email_outbox')
    .columns(['project_id', 'created_at desc'])
    .execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('unsubscribed', 'bounced')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('suppressions_pkey', ['project_id', 'email'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'suppressions',
    'email_outbox',
    'training_content',
    'email_templates',
    'task_events',
    'tasks',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
