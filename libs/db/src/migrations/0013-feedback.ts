import { type Kysely, sql } from 'kysely';

/**
 * The feedback board: customers' requests, one vote per person and request (a merged request's votes move to
 * the request it was merged into), each project's opt-in public board by slug, and the outbox kind of the
 * "you asked, we built it" email sent to a shipped request's voters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feedback_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'under_review', 'planned', 'in_progress', 'shipped', 'declined')`),
    )
    .addColumn('public_note', 'text')
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('author_account_id', 'text')
    .addColumn('merged_into', 'uuid', (c) => c.references('feedback_requests.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('feedback_requests_project')
    .on('feedback_requests')
    .columns(['project_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('feedback_votes')
    .addColumn('project_id', 'uuid', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('request_id', 'uuid', (c) =>
      c.notNull().references('feedback_requests.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('feedback_votes_pkey', ['request_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('feedback_boards')
    .addColumn('project_id', 'uuid', (c) => c.primaryKey().references('projects.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addUniqueConstraint('feedback_boards_slug_unique', ['slug'])
    .execute();

  await sql`alter table email_outbox drop constraint email_outbox_kind_check`.execute(db);
  await sql`alter table email_outbox add constraint email_outbox_kind_check
    check (kind in ('training', 'csm_alert', 'csm_digest', 'feedback_shipped'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from email_outbox where kind = 'feedback_shipped'`.execute(db);
  await sql`alter table email_outbox drop constraint email_outbox_kind_check`.execute(db);
  await sql`alter table email_outbox add constraint email_outbox_kind_check
    check (kind in ('training', 'csm_alert', 'csm_digest'))`.execute(db);
  await db.schema.dropTable('feedback_boards').execute();
  await db.schema.dropTable('feedback_votes').execute();
  await db.schema.dropTable('feedback_requests').execute();
}
