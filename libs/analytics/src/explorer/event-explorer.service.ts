import { Injectable } from '@nestjs/common';
import { DAY_MS, QueryRunner } from '@bindery/event-queries';
import {
  type EventDefinitionList,
  type EventListPage,
  type EventListQuery,
  type StoredEvent,
} from '@bindery/contracts';
import {
  decodeCursor,
  encodeCursor,
  eventDefinitionsQuery,
  eventListQuery,
  type EventRecord,
} from './event-list.query';

export { type EventRecord } from './event-list.query';

const iso = (ms: number) => new Date(ms).toISOString();
const orNull = (s: string) => (s === '' ? null : s);

/**
 * The days before the newest a page may hold that it reads first: FINAL (which drops a retried event's second
 * row) merges every granule of the days it reads, 2 s for 10 M events on one thread, while a busy project's
 * newest page lies in its last day or two (75–160 ms). When those days hold fewer events than the page and the
 * one after (a quiet project, a rare event, one user), every day is read: at most the share of three days more.
 */
const LOOKBACK_DAYS = 3;

export function toStoredEvent(r: EventRecord): StoredEvent {
  return {
    id: r.event_id,
    type: r.type,
    event: r.event,
    feature: r.feature,
    timestamp: iso(r.ts),
    receivedAt: iso(r.received),
    userId: orNull(r.user_id),
    anonymousId: orNull(r.anonymous_id),
    accountId: orNull(r.account_id),
    sessionId: orNull(r.session_id),
    properties: JSON.parse(r.properties) as Record<string, unknown>,
    context: JSON.parse(r.context) as Record<string, unknown>,
    traits: JSON.parse(r.traits) as Record<string, unknown>,
    library: { name: r.library_name, version: r.library_version },
    source: r.source,
  };
}

/** The event explorer: what a developer wiring up an SDK looks at to see that events arrive. */
@Injectable()
export class EventExplorerService {
  constructor(private readonly runner: QueryRunner) {}

  async list(projectId: string, q: EventListQuery): Promise<EventListPage> {
    const rows = await this.newest(projectId, q);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      events: page.map(toStoredEvent),
      nextCursor:
        rows.length > q.limit && last ? encodeCursor({ timestamp: last.ts, eventId: last.event_id }) : null,
    };
  }

  /**
   * The page's rows and the one after, read first from {@link LOOKBACK_DAYS} days before the newest a page may
   * hold (the cursor's, the end of the range, else today: an event timed after it is read too) on. Those are the
   * newest of all when there are enough of them: every event left out is older.
   */
  private async newest(projectId: string, q: EventListQuery): Promise<EventRecord[]> {
    const newestDay = Math.floor(
      (q.cursor !== undefined
        ? decodeCursor(q.cursor).timestamp
        : q.to !== undefined
          ? Date.parse(q.to) - 1
          : Date.now()) / DAY_MS,
    );
    const firstDay = q.from === undefined ? -Infinity : Math.floor(Date.parse(q.from) / DAY_MS);
    const sinceDay = newestDay - LOOKBACK_DAYS;
    if (sinceDay > firstDay && sinceDay >= 0) {
      const rows = await this.runner.rows(eventListQuery(projectId, q, sinceDay));
      if (rows.length > q.limit) return rows;
    }
    return this.runner.rows(eventListQuery(projectId, q));
  }

  async definitions(projectId: string): Promise<EventDefinitionList> {
    const rows = await this.runner.rows(eventDefinitionsQuery(projectId));
    return {
      definitions: rows.map((r) => ({
        event: r.event,
        count: r.count,
        firstSeen: iso(r.first_seen),
        lastSeen: iso(r.last_seen),
      })),
    };
  }
}
