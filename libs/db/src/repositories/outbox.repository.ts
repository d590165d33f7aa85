import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import { Conflict, type DomainError } from '@bindery/contracts';
import { DB } from '../database';
import { type Database, type OutboxEmail, type OutboxKind, type OutboxStatus } from '../schema';

/** The skip reason of an email to a suppressed address. */
export const SUPPRESSED = 'the address is suppressed';

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
  /** Whom the email comes from (a project's brand sender); left out: MAIL_FROM. */
  from?: { name: string | null; address: string };
}

/** An email to write and what may hold it back. */
export interface OutboxWrite extends NewOutboxEmail {
  /** The frequency cap: held back, with `reason`, if the recipient got an email of its kind since `since`. */
  cap?: { since: Date; reason: string };
  /** Written skipped with this reason, unless suppression or the cap gives theirs. */
  skipReason?: string;
}

/** What a write tells of a row: enough to know whether to queue it, and what became of it. */
export type OutboxState = Pick<OutboxEmail, 'id' | 'project_id' | 'status' | 'skip_reason'>;
const STATE = ['id', 'project_id', 'status', 'skip_reason'] as const;

export interface OutboxWritten {
  row: OutboxState;
  created: boolean;
}

/** What the database knows around an email about to be written (see OutboxRepository.facts). */
interface EmailFacts {
  project_id: string | null;
  status: OutboxStatus | null;
  skip_reason: string | null;
  suppressed: boolean;
  latest: Date | null;
}

/**
 * The new emails' rows, in order: pending, or skipped with the first reason that holds: the suppressed
 * address, the cap (an email of this call that passes it counts for the next ones), the email's own reason.
 */
function decide(fresh: { email: OutboxWrite; facts: EmailFacts }[]) {
  const takenNow = new Set<string>();
  return fresh.map(({ email, facts }) => {
    const key = `${email.projectId}|${email.recipient}|${email.kind}`;
    const capped =
      email.cap !== undefined &&
      (takenNow.has(key) || (facts.latest !== null && facts.latest >= email.cap.since));
    const reason = facts.suppressed ? SUPPRESSED : capped ? email.cap?.reason : email.skipReason;
    if (reason === undefined && email.cap !== undefined) takenNow.add(key);
    return {
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
      from_name: email.from?.name ?? null,
      from_address: email.from?.address ?? null,
      status: reason === undefined ? ('pending' as const) : ('skipped' as const),
      skip_reason: reason ?? null,
    };
  });
}

/** A claimed row, and whether its address is suppressed by now. */
export type ClaimedEmail = OutboxEmail & { suppressed: boolean };

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
   * Writes emails, many in one transaction, each once: a row whose id exists is returned as it is, whatever the
   * call carried (`created` false), and an id taken in another project is a Conflict for that email alone.
   * A new row is written skipped, with the reason, when its address is suppressed (whatever its case), when its
   * `cap` holds (the recipient has a row of its kind created at or after `cap.since` that was not skipped or
   * failed, an earlier email of the same call included), or when it carries a `skipReason`; otherwise pending.
   * Capped recipients are locked for the transaction, so two writers cannot both pass the cap.
   */
  async write(emails: readonly OutboxWrite[]): Promise<(OutboxWritten | DomainError)[]> {
    const firstOf = new Map<string, OutboxWrite>();
    for (const email of emails) if (!firstOf.has(email.id)) firstOf.set(email.id, email);
    const unique = [...firstOf.values()];
    if (unique.length === 0) return [];
    const rows = new Map<string, OutboxState>();
    const created = new Set<string>();
    await this.db.transaction().execute(async (trx) => {
      const capped = unique.filter((e) => e.cap !== undefined);
      if (capped.length > 0) {
        const keys = [...new Set(capped.map((e) => `${e.projectId}|${e.recipient}`))];
        await sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${keys}::text[]) as k order by k`.execute(
          trx,
        );
      }
      const facts = await this.facts(trx, unique);
      const fresh: { email: OutboxWrite; facts: EmailFacts }[] = [];
      unique.forEach((email, i) => {
        const known = facts[i];
        if (known === undefined) throw new Error(`Email ${email.id} has no facts row`);
        const { project_id, status, skip_reason } = known;
        if (project_id === null || status === null) fresh.push({ email, facts: known });
        else rows.set(email.id, { id: email.id, project_id, status, skip_reason });
      });
      if (fresh.length === 0) return;
      const inserted = await trx
        .insertInto('email_outbox')
        .values(decide(fresh))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning(STATE)
        .execute();
      for (const row of inserted) {
        rows.set(row.id, row);
        created.add(row.id);
      }
    });
    // A row another transaction wrote between our read and our insert.
    const missing = unique.filter((e) => !rows.has(e.id)).map((e) => e.id);
    if (missing.length > 0) {
      const late = await this.db
        .selectFrom('email_outbox')
        .select(STATE)
        .where('id', 'in', missing)
        .execute();
      for (const row of late) rows.set(row.id, row);
    }
    return emails.map((email) => {
      const row = rows.get(email.id);
      if (row === undefined || row.project_id !== email.projectId)
        return Conflict(`Outbox id ${email.id} belongs to another project`);
      return { row, created: created.has(email.id) && firstOf.get(email.id) === email };
    });
  }

  /**
   * What {@link write} would do with each email now, writing nothing: `exists` (its id is taken), `suppressed`,
   * `capped` (the cap, an earlier email of the list included), `skipped` (its own reason) or `pending`.
   */
  async preflight(
    emails: readonly OutboxWrite[],
  ): Promise<('exists' | 'suppressed' | 'capped' | 'skipped' | 'pending')[]> {
    const unique = [...new Map(emails.map((e) => [e.id, e])).values()];
    if (unique.length === 0) return [];
    const facts = await this.db.transaction().execute((trx) => this.facts(trx, unique));
    const fresh = unique.flatMap((email, i) => {
      const known = facts[i];
      return known && known.status === null ? [{ email, facts: known }] : [];
    });
    const decided = new Map(decide(fresh).map((row) => [row.id, row]));
    return emails.map((email) => {
      const row = decided.get(email.id);
      if (row === undefined) return 'exists';
      if (row.skip_reason === SUPPRESSED) return 'suppressed';
      if (row.skip_reason !== null && row.skip_reason === email.cap?.reason) return 'capped';
      return row.status === 'skipped' ? 'skipped' : 'pending';
    });
  }

  /**
   * In one statement, for each email in order: its stored row's project and state if the id exists, whether its
   * address is suppressed, and (capped emails only) when the recipient's latest row of its kind that counts
   * for the cap was created.
   */
  private async facts(trx: Transaction<Database>, emails: OutboxWrite[]): Promise<EmailFacts[]> {
    const column = <T>(pick: (e: OutboxWrite) => T) => emails.map(pick);
    const { rows } = await sql<EmailFacts>`
      select o.project_id, o.status, o.skip_reason,
        exists (
          select 1 from suppressions s where s.project_id = r.project_id and s.email = lower(r.recipient)
        ) as suppressed,
        case when r.capped then (
          select max(c.created_at) from email_outbox c
          where c.project_id = r.project_id and c.recipient = r.recipient and c.kind = r.kind
            and c.status not in ('skipped', 'failed')
        ) end as latest
      from unnest(
        ${column((e) => e.id)}::uuid[], ${column((e) => e.projectId)}::uuid[],
        ${column((e) => e.recipient)}::text[], ${column((e) => e.kind)}::text[],
        ${column((e) => e.cap !== undefined)}::boolean[]
      ) with ordinality as r(id, project_id, recipient, kind, capped, i)
      left join email_outbox o on o.id = r.id
      order by r.i`.execute(trx);
    return rows;
  }

  /**
   * The sender's statement, one for many jobs: marks the rows of `sent` sent, each with the SMTP server's
   * message id (rows that are sending; others stay as they are), and takes the rows of `claim` to send, each
   * for the job that names itself its holder: pending, or sending already for that holder (its retry after a
   * crash or a stall) or for none (claimed before holders were kept); each becomes sending with one more
   * attempt. A row another job holds is not taken. Returns the rows taken, each with its holder; rows sent,
   * failed, skipped, held by another job or unknown are left out. `suppressed` says whether the address is
   * suppressed now (the same round trip).
   */
  async advance(step: {
    sent?: readonly { id: string; messageId: string }[];
    claim?: readonly { id: string; holder: string }[];
  }): Promise<ClaimedEmail[]> {
    const sent = step.sent ?? [];
    const sentIds = new Set(sent.map((s) => s.id));
    // A row is changed once a statement: one being marked sent is not taken again, and of two claims of one
    // row in the statement only the first counts.
    const claimed = new Set<string>();
    const claim = (step.claim ?? []).filter((c) => {
      if (sentIds.has(c.id) || claimed.has(c.id)) return false;
      claimed.add(c.id);
      return true;
    });
    // Raw SQL with array parameters: its text never changes, so nothing is built per call on this hot path.
    const { rows } = await sql<ClaimedEmail>`
      with accepted as (
        select unnest(${sent.map((s) => s.id)}::uuid[]) as id,
          unnest(${sent.map((s) => s.messageId)}::text[]) as message_id
      ), marked as (
        update email_outbox o set status = 'sent', message_id = a.message_id, sent_at = now()
        from accepted a where o.id = a.id and o.status = 'sending'
      ), claims as (
        select unnest(${claim.map((c) => c.id)}::uuid[]) as id, unnest(${claim.map((c) => c.holder)}::text[]) as holder
      )
      update email_outbox o set status = 'sending', attempts = o.attempts + 1, sending_at = now(),
        sending_holder = c.holder
      from claims c
      where o.id = c.id and (o.status = 'pending' or (o.status = 'sending'
        and (o.sending_holder is null or o.sending_holder = c.holder)))
      returning o.*, exists (
        select 1 from suppressions s where s.project_id = o.project_id and s.email = lower(o.recipient)
      ) as suppressed`.execute(this.db);
    return rows;
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

  /** Puts a claimed row back to pending with the reason, for a retry: any job may take it then. */
  release(id: string, error: string): Promise<OutboxEmail | undefined> {
    return this.db
      .updateTable('email_outbox')
      .set({ status: 'pending', last_error: error, sending_holder: null })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .returningAll()
      .executeTakeFirst();
  }

  /** The holders of rows sending since before `before` (null: claimed before holders were kept), a page of them. */
  async heldSince(before: Date, limit = 500): Promise<(string | null)[]> {
    const rows = await this.db
      .selectFrom('email_outbox')
      .select('sending_holder')
      .distinct()
      .where('status', '=', 'sending')
      .where('sending_at', '<', before)
      .limit(limit)
      .execute();
    return rows.map((r) => r.sending_holder);
  }

  /**
   * Puts the rows `holders` claimed before `before` and still sending back to pending, for any job to take, with
   * the reason; returns their ids.
   */
  async releaseHeld(holders: readonly (string | null)[], before: Date, reason: string): Promise<string[]> {
    const named = holders.filter((h): h is string => h !== null);
    if (named.length === 0 && !holders.includes(null)) return [];
    const rows = await this.db
      .updateTable('email_outbox')
      .set({ status: 'pending', last_error: reason, sending_holder: null })
      .where('status', '=', 'sending')
      .where('sending_at', '<', before)
      .where((eb) =>
        eb.or([
          ...(named.length > 0 ? [eb('sending_holder', 'in', named)] : []),
          ...(holders.includes(null) ? [eb('sending_holder', 'is', null)] : []),
        ]),
      )
      .returning('id')
      .execute();
    return rows.map((r) => r.id);
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
