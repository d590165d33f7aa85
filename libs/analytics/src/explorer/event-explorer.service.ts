import { Injectable } from '@nestjs/common';
import { QueryRunner } from '@bindery/event-queries';
import {
  type EventDefinitionList,
  type EventListPage,
  type EventListQuery,
  type StoredEvent,
} from '@bindery/contracts';
import { encodeCursor, eventDefinitionsQuery, eventListQuery, type EventRecord } from './event-list.query';

export { type EventRecord } from './event-list.query';

const iso = (ms: number) => new Date(ms).toISOString();
const orNull = (s: string) => (s === '' ? null : s);

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
    const rows = await this.runner.rows(eventListQuery(projectId, q));
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      events: page.map(toStoredEvent),
      nextCursor:
        rows.length > q.limit && last ? encodeCursor({ timestamp: last.ts, eventId: last.event_id }) : null,
    };
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
