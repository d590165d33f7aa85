import { Injectable } from '@nestjs/common';
import { type OutboxEmail, PersonRecordsRepository, type PersonSignal, type Task } from '@bindery/db';
import {
  DomainError,
  NotFound,
  type PersonDetail,
  type PersonEventsQuery,
  type PersonExport,
  type PersonList,
  type PersonListQuery,
  type PersonSummary,
  type StoredEvent,
  type EventListPage,
} from '@bindery/contracts';
import {
  decodeAfter,
  encodeAfter,
  personIdentity,
  type PersonIdentity,
  QueryRunner,
  type TraitRow,
  traitsBySubject,
  traitsQuery,
  traitValue,
} from '@bindery/event-queries';
import { type EventRecord, toStoredEvent } from '../explorer/event-explorer.service';
import { decodeCursor, encodeCursor } from '../explorer/event-list.query';
import {
  personActivityQuery,
  personTraitValuesQuery,
  personEventsQuery,
  personIdsQuery,
  personKnownQuery,
  personTraitHistoryQuery,
} from './people.query';

interface ActivityRow {
  id: string;
  first_seen: number;
  last_seen: number;
  accounts: string[];
  events: number;
}

/** The most events an export holds; a person with more is exported from the timeline, page by page. */
export const MAX_EXPORT_EVENTS = 200_000;
const EXPORT_PAGE = 5_000;
/** The shortest name a person's deletion redacts from texts. */
export const MIN_REDACTED_NAME = 3;

const iso = (ms: number) => new Date(ms).toISOString();

const signalOf = (s: PersonSignal) => ({
  id: s.id,
  ruleId: s.rule_id,
  ruleName: s.rule_name,
  periodKey: s.period_key,
  details: s.details,
  createdAt: s.created_at.toISOString(),
});
const taskOf = (t: Task) => ({
  id: t.id,
  title: t.title,
  status: t.status,
  priority: t.priority,
  accountId: t.account_id,
  createdAt: t.created_at.toISOString(),
});
const emailOf = (e: OutboxEmail) => ({
  id: e.id,
  kind: e.kind,
  recipient: e.recipient,
  subject: e.subject,
  status: e.status,
  createdAt: e.created_at.toISOString(),
});

/** People as the product and CS teams look them up: who they are, what they did, what Bindery did about them. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly records: PersonRecordsRepository,
  ) {}

  async list(projectId: string, q: PersonListQuery): Promise<PersonList> {
    const ids = (
      await this.runner.rows<{ id: string }>(
        personIdsQuery(projectId, {
          search: q.search,
          accountId: q.accountId,
          after: q.cursor === undefined ? undefined : decodeAfter(q.cursor),
          limit: q.limit,
        }),
      )
    ).map((r) => r.id);
    const page = ids.slice(0, q.limit);
    const last = page.at(-1);
    return {
      people: await this.summaries(projectId, page),
      nextCursor: ids.length > q.limit && last !== undefined ? encodeAfter(last) : null,
    };
  }

  async detail(projectId: string, personId: string): Promise<PersonDetail> {
    const identity = await this.identity(projectId, personId);
    const { ids } = identity;
    const [[summary], allSignals] = await Promise.all([
      this.summaries(projectId, [identity.personId]),
      this.records.signals(projectId, ids, false),
    ]);
    const emails = await this.emailAddresses(projectId, ids);
    const signalIds = allSignals.map((s) => s.id);
    const [tasks, outbox] = await Promise.all([
      this.records.tasks(projectId, signalIds),
      this.records.emails(projectId, signalIds, emails),
    ]);
    return {
      ...(summary as PersonSummary),
      ids,
      notMerged: identity.notMerged.map((l) => ({
        id: l.id,
        userId: l.userId,
        linkedAt: iso(l.linkedAt),
        reason: l.reason ?? 'known_user',
        mergedInto: l.mergedInto,
      })),
      signals: allSignals.filter((s) => s.resolved_at === null).map(signalOf),
      tasks: tasks.map(taskOf),
      emails: outbox.map(emailOf),
    };
  }

  async events(projectId: string, personId: string, q: PersonEventsQuery): Promise<EventListPage> {
    const { ids } = await this.identity(projectId, personId);
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    return this.eventsPage(projectId, ids, q.limit, cursor);
  }

  /** Everything stored about the person (GDPR Art. 15): events, every trait value, signals, tasks, emails. */
  async export(projectId: string, personId: string): Promise<PersonExport> {
    const { personId: id, ids } = await this.identity(projectId, personId);
    const events: StoredEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: EventListPage = await this.eventsPage(
        projectId,
        ids,
        EXPORT_PAGE,
        cursor === null ? undefined : decodeCursor(cursor),
      );
      events.push(...page.events);
      cursor = page.nextCursor;
      if (events.length > MAX_EXPORT_EVENTS) {
        throw new DomainError(
          'report_too_large',
          `Person ${personId} has more than ${MAX_EXPORT_EVENTS} events: page through their timeline`,
        );
      }
    } while (cursor !== null);
    const [traits, signals, emails] = await Promise.all([
      this.runner.rows<{ key: string; value: string; updated: number }>(
        personTraitHistoryQuery(projectId, ids),
      ),
      this.records.signals(projectId, ids, false),
      this.emailAddresses(projectId, ids),
    ]);
    const signalIds = signals.map((s) => s.id);
    const [tasks, outbox] = await Promise.all([
      this.records.tasks(projectId, signalIds),
      this.records.emails(projectId, signalIds, emails),
    ]);
    return {
      person: { id, ids },
      exportedAt: new Date().toISOString(),
      traits: traits.map((t) => ({ key: t.key, value: traitValue(t.value), updatedAt: iso(t.updated) })),
      events: events.reverse(),
      signals: signals.map(signalOf),
      tasks: tasks.map(taskOf),
      emails: outbox.map(emailOf),
    };
  }

  /**
   * The person an id belongs to (any of their ids leads to them), with all their ids, if anything of theirs is
   * stored; an unknown person is NotFound.
   */
  async identity(projectId: string, id: string): Promise<PersonIdentity> {
    const identity = await personIdentity(this.runner, projectId, id);
    const [known] = await this.runner.rows<{ n: number }>(personKnownQuery(projectId, identity.ids));
    if (!known || known.n === 0) throw NotFound(`Person ${id} not found`);
    return identity;
  }

  /** Every email address the person's traits held, lower-case. */
  async emailAddresses(projectId: string, ids: readonly string[]): Promise<string[]> {
    const emails = await this.traitTexts(projectId, ids, 'email');
    return [...new Set(emails.map((e) => e.toLowerCase()))].sort();
  }

  /**
   * Every name the person's traits held, of {@link MIN_REDACTED_NAME} characters or more: shorter ones name
   * nobody alone, and redacting them as words would blank other text.
   */
  async names(projectId: string, ids: readonly string[]): Promise<string[]> {
    const names = (await this.traitTexts(projectId, ids, 'name')).map((n) => n.trim());
    return [...new Set(names.filter((n) => n.length >= MIN_REDACTED_NAME))].sort();
  }

  /** The person's values of trait `key` that are strings, as stored. */
  private async traitTexts(
    projectId: string,
    ids: readonly string[],
    key: 'email' | 'name',
  ): Promise<string[]> {
    const rows = await this.runner.rows(personTraitValuesQuery(projectId, ids, key));
    return rows.map((r) => traitValue(r.value)).filter((v): v is string => typeof v === 'string' && v !== '');
  }

  private async eventsPage(
    projectId: string,
    ids: readonly string[],
    limit: number,
    cursor: { timestamp: number; eventId: string } | undefined,
  ): Promise<EventListPage> {
    const rows = await this.runner.rows<EventRecord>(personEventsQuery(projectId, ids, limit, cursor));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      events: page.map(toStoredEvent),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor({ timestamp: last.ts, eventId: last.event_id })
          : null,
    };
  }

  private async summaries(projectId: string, ids: string[]): Promise<PersonSummary[]> {
    if (ids.length === 0) return [];
    const [activity, traits] = await Promise.all([
      this.runner.rows<ActivityRow>(personActivityQuery(projectId, ids)),
      this.runner.rows<TraitRow>(traitsQuery(projectId, 'user', ids)),
    ]);
    const byId = new Map(activity.map((a) => [a.id, a]));
    const traitsOf = traitsBySubject(traits);
    return ids.map((id) => {
      const a = byId.get(id);
      return {
        id,
        traits: traitsOf.get(id) ?? {},
        firstSeenAt: a ? iso(a.first_seen) : null,
        lastSeenAt: a ? iso(a.last_seen) : null,
        accounts: a?.accounts ?? [],
        eventCount: a?.events ?? 0,
      };
    });
  }
}
