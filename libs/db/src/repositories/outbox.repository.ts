import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { type Database, type OutboxEmail, type OutboxKind, type OutboxStatus } from '../schema';

/** An email to send; `id` is the caller's deterministic id (a hash of what makes it unique), also the job's. */
export interface NewOutboxEmail {
  id: string;
  projectId: string;
  signalId?: string | null;
  kind: OutboxKind;
  recipient: string;
  template?: string | null;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

export interface OutboxFilters {
  status?: OutboxStatus;
  recipient?: string;
  /** The emails of signals about this account. */
  accountId?: string;
  limit: number;
  /** The last row of the previous page: the page holds the rows created before it. */
  before?: { createdAt: Date; id: string };
}

/**
 * The email outbox: a row per message, pending until the sender claims it, then sent, failed or skipped. The
 * sender's job knows a row by its id alone, so the transitions take the id; reads for the API are scoped by
 * project. A transition that does not apply (e.g. marking a sent row failed) changes nothing and returns
 * undefined.
 */
@Injectable()
export class OutboxRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /**
   * Stores the email unless a row with its id exists; `created` says which. The existing row is returned as it
   * is, whatever the call carried. An id taken in another project is a Conflict.
   */
  async insert(email: NewOutboxEmail): Promise<{ row: OutboxEmail; created: boolean }> {
    const inserted = await this.db
      .insertInto('email_outbox')
      .values({
        id: email.id,
        project_id: email.projectId,
        signal_id: email.signalId ?? null,
        kind: email.kind,
        recipient: email.recipient,
        template: email.template ?? null,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: JSON.stringify(email.headers ?? {}),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) return { row: inserted, created: true };
    const existing = await this.findById(email.projectId, email.id);
    if (existing === undefined) throw Conflict(`Outbox id ${email.id} belongs to another project`);
    return { row: existing, created: false };
  }

  /**
   * Takes a row to send: pending, or sending already (a retry after a crash or a stalled job), it becomes
   * sending, with one more attempt. Undefined when it is sent, failed or skipped (nothing to do) or unknown.
   * `suppressed` says whether the address is suppressed now (the same round trip).
   */
  async claim(id: string): Promise<(OutboxEmail & { suppressed: boolean }) | undefined> {
    const row = await this.db
      .updateTable('email_outbox')
      .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), sending_at: sql<Date>`now()` }))
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .returningAll()
      .returning((eb) =>
        eb
          .exists(
            eb
              .selectFrom('suppressions')
              .select(sql.lit(1).as('one'))
              .whereRef('suppressions.project_id', '=', 'email_outbox.project_id')
              .where('suppressions.email', '=', eb.fn<string>('lower', ['email_outbox.recipient'])),
          )
          .as('suppressed'),
      )
      .executeTakeFirst();
    return row && { ...row, suppressed: Boolean(row.suppressed) };
  }

  /** Marks a claimed row sent, with the SMTP server's message id. */
  markSent(id: string, messageId: string): Promise<OutboxEmail | undefined> {
    return this.db
      .updateTable('email_outbox')
      .set({ status: 'sent', message_id: messageId, sent_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks an unfinished row failed for good, with the reason. */
  markFailed(id: string, error: string): Promise<OutboxEmail | undefined> {
    return this.db
      .updateTable('email_outbox')
      .set({ status: 'failed', last_error: error })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .returningAll()
      .executeTakeFirst();
  }

  /** Puts a claimed row back to pending with the reason, for the job's retry. */
  release(id: string, error: string): Promise<OutboxEmail | undefined> {
    return this.db
      .updateTable('email_outbox')
      .set({ status: 'pending', last_error: error })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks an unfinished row skipped (suppressed recipient, frequency cap, …), with the reason. */
  markSkipped(id: string, reason: string): Promise<OutboxEmail | undefined> {
    return this.db
      .updateTable('email_outbox')
      .set({ status: 'skipped', skip_reason: reason })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'sending'])
      .returningAll()
      .executeTakeFirst();
  }

  /** Puts a project's failed rows back to pending for another try; returns their ids. */
  async requeueFailed(projectId: string): Promise<string[]> {
    const rows = await this.db
      .updateTable('email_outbox')
      .set({ status: 'pending' })
      .where('project_id', '=', projectId)
      .where('status', '=', 'failed')
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Why an email of this kind must not be written for the recipient now, in one round trip: the address is
   * suppressed (whatever its case), or the frequency cap holds: the recipient got (or is about to get) an
   * email of this kind created at or after `since`, skipped and failed rows not counting, nor the row
   * `exceptId` (the one being decided on). Null when it may.
   */
  async holdBack(
    projectId: string,
    recipient: string,
    kind: OutboxKind,
    since: Date,
    exceptId?: string,
  ): Promise<'suppressed' | 'recent' | null> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .exists(
            eb
              .selectFrom('suppressions')
              .select(sql.lit(1).as('one'))
              .where('project_id', '=', projectId)
              .where('email', '=', recipient.toLowerCase()),
          )
          .as('suppressed'),
        eb.exists(this.recent(projectId, recipient, kind, since, exceptId)).as('recent'),
      ])
      .executeTakeFirstOrThrow();
    return row.suppressed ? 'suppressed' : row.recent ? 'recent' : null;
  }

  private recent(projectId: string, recipient: string, kind: OutboxKind, since: Date, exceptId?: string) {
    let query = this.db
      .selectFrom('email_outbox')
      .select(sql.lit(1).as('one'))
      .where('project_id', '=', projectId)
      .where('recipient', '=', recipient)
      .where('kind', '=', kind)
      .where('created_at', '>=', since)
      .where('status', 'not in', ['skipped', 'failed']);
    if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
    return query.limit(1);
  }

  /** A project's outbox, newest first, a page at a time (keyset on created_at, id). */
  list(projectId: string, filters: OutboxFilters): Promise<OutboxEmail[]> {
    let query = this.db.selectFrom('email_outbox').selectAll().where('project_id', '=', projectId);
    if (filters.status !== undefined) query = query.where('status', '=', filters.status);
    if (filters.recipient !== undefined) query = query.where('recipient', '=', filters.recipient);
    const accountId = filters.accountId;
    if (accountId !== undefined) {
      query = query.where('signal_id', 'in', (eb) =>
        eb
          .selectFrom('signals')
          .select('id')
          .where('project_id', '=', projectId)
          .where('account_id', '=', accountId),
      );
    }
    const before = filters.before;
    if (before !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.createdAt, before.id)),
      );
    }
    return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filters.limit).execute();
  }

  findById(projectId: string, id: string): Promise<OutboxEmail | undefined> {
    return this.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A row by its id alone, for the sender's job, which knows only the id (its own); not for the API. */
  findByIdUnscoped(id: string): Promise<OutboxEmail | undefined> {
    return this.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirst();
  }
}
