import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import { DB } from '../database';
import { type Database, type OutboxEmail, type Signal, type Task } from '../schema';

/** What a deletion did to the operational records, by table. */
export interface PersonRecordsErased {
  signals: number;
  tasks: number;
  taskEvents: number;
  notes: number;
  /** The emails redacted, by id (also the name of an email's copy in the embedded outbox folder). */
  emailIds: string[];
}

/** A signal about a person, with the name of the rule that raised it. */
export type PersonSignal = Signal & { rule_name: string };

/** The skip reason of an unsent email to a deleted person. */
export const PERSON_DELETED = 'the person was deleted';
/** What stands in the outbox for a deleted person's address and their email's content. */
export const REDACTED = '[deleted person]';

/** Rows whose text holds any of `values` (a cheap pre-filter; `redact` decides what to change). */
const holdsAny = (values: readonly string[], text: ReturnType<typeof sql>) =>
  sql<boolean>`exists (select 1 from unnest(${values}::text[]) as v where strpos(${text}, v) > 0)`;

/** The operational records (Postgres) about one person: their signals, tasks and emails; every query by project. */
@Injectable()
export class PersonRecordsRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** Signals about the person (any of their ids) with their rule's name, newest first; open ones only with `open`. */
  signals(projectId: string, ids: readonly string[], open: boolean): Promise<PersonSignal[]> {
    if (ids.length === 0) return Promise.resolve([]);
    let q = this.db
      .selectFrom('signals')
      .innerJoin('rules', 'rules.id', 'signals.rule_id')
      .selectAll('signals')
      .select('rules.name as rule_name')
      .where('signals.project_id', '=', projectId)
      .where('signals.user_id', 'in', ids);
    if (open) q = q.where('signals.resolved_at', 'is', null);
    return q.orderBy('signals.created_at', 'desc').limit(1000).execute();
  }

  /** Tasks that any of the signals raised or joined, newest first. */
  tasks(projectId: string, signalIds: readonly string[]): Promise<Task[]> {
    if (signalIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where(sql<boolean>`signal_ids ?| ${signalIds}::text[]`)
      .orderBy('created_at', 'desc')
      .limit(1000)
      .execute();
  }

  /** Emails of the signals or to the addresses, newest first. */
  emails(
    projectId: string,
    signalIds: readonly string[],
    addresses: readonly string[],
  ): Promise<OutboxEmail[]> {
    if (signalIds.length === 0 && addresses.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('project_id', '=', projectId)
      .where((eb) =>
        eb.or([
          eb('signal_id', 'in', signalIds.length > 0 ? signalIds : ['00000000-0000-0000-0000-000000000000']),
          eb(
            sql`lower(recipient)`,
            'in',
            addresses.length > 0 ? addresses.map((a) => a.toLowerCase()) : [''],
          ),
        ]),
      )
      .orderBy('created_at', 'desc')
      .limit(1000)
      .execute();
  }

  /**
   * In one transaction: rewrites with `redact` the tasks, task events, notes and emails whose text holds any of
   * `values` (the person's ids, addresses and names); blanks the emails to the addresses (their unsent ones skipped);
   * then deletes the signals about the ids. Rows stay, so counts stay; running it again changes nothing more.
   */
  erase(
    projectId: string,
    person: { ids: readonly string[]; emails: readonly string[]; names: readonly string[] },
    redact: (text: string) => string,
  ): Promise<PersonRecordsErased> {
    const values = [...person.ids, ...person.emails, ...person.names];
    const addresses = person.emails.map((e) => e.toLowerCase());
    return this.db.transaction().execute(async (trx) => {
      const erased: PersonRecordsErased = { signals: 0, tasks: 0, taskEvents: 0, notes: 0, emailIds: [] };
      if (values.length === 0) return erased;
      erased.tasks = await this.redactTasks(trx, projectId, values, redact);
      erased.taskEvents = await this.redactTaskEvents(trx, projectId, values, redact);
      erased.notes = await this.redactNotes(trx, projectId, values, redact);
      erased.emailIds = await this.redactEmails(trx, projectId, values, addresses, redact);
      if (person.ids.length > 0) {
        const deleted = await trx
          .deleteFrom('signals')
          .where('project_id', '=', projectId)
          .where('user_id', 'in', person.ids)
          .executeTakeFirst();
        erased.signals = Number(deleted.numDeletedRows);
      }
      return erased;
    });
  }

  private async redactTasks(
    trx: Transaction<Database>,
    projectId: string,
    values: readonly string[],
    redact: (text: string) => string,
  ): Promise<number> {
    const rows = await trx
      .selectFrom('tasks')
      .select(['id', 'title', 'body', 'outcome_note'])
      .where('project_id', '=', projectId)
      .where(holdsAny(values, sql`title || ' ' || body || ' ' || coalesce(outcome_note, '')`))
      .execute();
    for (const r of rows) {
      await trx
        .updateTable('tasks')
        .set({
          title: redact(r.title),
          body: redact(r.body),
          outcome_note: r.outcome_note === null ? null : redact(r.outcome_note),
        })
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  }

  private async redactTaskEvents(
    trx: Transaction<Database>,
    projectId: string,
    values: readonly string[],
    redact: (text: string) => string,
  ): Promise<number> {
    const { rows } = await sql<{ id: string; change: string }>`
      select e.id, e.change::text as change from task_events e join tasks t on t.id = e.task_id
      where t.project_id = ${projectId} and ${holdsAny(values, sql`e.change::text`)}`.execute(trx);
    for (const r of rows) {
      const change = JSON.stringify(redactJson(JSON.parse(r.change), redact));
      await sql`update task_events set change = ${change}::jsonb where id = ${r.id}`.execute(trx);
    }
    return rows.length;
  }

  private async redactNotes(
    trx: Transaction<Database>,
    projectId: string,
    values: readonly string[],
    redact: (text: string) => string,
  ): Promise<number> {
    const rows = await trx
      .selectFrom('notes')
      .select(['id', 'body'])
      .where('project_id', '=', projectId)
      .where(holdsAny(values, sql`body`))
      .execute();
    for (const r of rows) {
      await trx
        .updateTable('notes')
        .set({ body: redact(r.body) })
        .where('id', '=', r.id)
        .execute();
    }
    return rows.length;
  }

  private async redactEmails(
    trx: Transaction<Database>,
    projectId: string,
    values: readonly string[],
    addresses: readonly string[],
    redact: (text: string) => string,
  ): Promise<string[]> {
    const rows = await trx
      .selectFrom('email_outbox')
      .select(['id', 'recipient', 'subject', 'html', 'text', 'headers', 'status'])
      .where('project_id', '=', projectId)
      .where(
        holdsAny(
          values,
          sql`recipient || ' ' || subject || ' ' || html || ' ' || text || ' ' || headers::text`,
        ),
      )
      .execute();
    for (const r of rows) {
      const theirs = addresses.includes(r.recipient.toLowerCase());
      const unsent = r.status === 'pending' || r.status === 'sending';
      await trx
        .updateTable('email_outbox')
        .set(
          theirs
            ? {
                recipient: REDACTED,
                subject: REDACTED,
                html: '',
                text: '',
                headers: '{}',
                ...(unsent ? { status: 'skipped' as const, skip_reason: PERSON_DELETED } : {}),
              }
            : {
                recipient: redact(r.recipient),
                subject: redact(r.subject),
                html: redact(r.html),
                text: redact(r.text),
                headers: JSON.stringify(redactJson(r.headers, redact)),
              },
        )
        .where('id', '=', r.id)
        .execute();
    }
    return rows.map((r) => r.id);
  }
}

/** Every string in a JSON value (keys included) passed through `redact`. */
function redactJson(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redact));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactJson(v, redact)]));
  }
  return value;
}
