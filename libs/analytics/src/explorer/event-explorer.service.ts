import { Injectable } from '@nestjs/common';
import { QueryRunner } from '@bindery/event-queries';
import {
  type EventDefinitionList,
  type EventListPage,
  type EventListQuery,
  type EventRow,
  type StoredEvent,
} from '@bindery/contracts';
import { encodeCursor, eventDefinitionsQuery, eventListQuery } from './event-list.query';

/** A row of the explorer query: the stored row with its times as epoch milliseconds. */
type EventRecord = Omit<EventRow, 'project_id' | 'timestamp' | 'received_at'> & {
  ts: number;
  received: number;
};

const iso = (ms: number) => new Date(ms).toISOString();
const orNull = (s: string) => (s === '' ? null : s);

function toStoredEvent(r: EventRecord): StoredEvent {
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
    const rows = await this.runner.rows<EventRecord>(eventListQuery(projectId, q));
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      events: page.map(toStoredEvent),
      nextCursor: rows.length > q.limit ? encodeCursor({ timestamp: last.ts, eventId: last.event_id }) : null,
    };
  }

  async definitions(projectId: string): Promise<EventDefinitionList> {
    const rows = await this.runner.rows<{
      event: string;
      count: number;
      first_seen: number;
      last_seen: number;
    }>(eventDefinitionsQuery(projectId));
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
