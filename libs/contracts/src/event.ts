import { Type, type Static } from '@sinclair/typebox';

export const EVENT_TYPES = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type EventSource = 'segment' | 'posthog';

/** One row of the ClickHouse `events` table, as the writer inserts it (times in epoch milliseconds, UTC). */
export interface EventRow {
  project_id: string;
  event_id: string;
  type: EventType;
  event: string;
  /** The feature a track event is about: `properties.feature` when set, else the event name; '' otherwise. */
  feature: string;
  timestamp: number;
  received_at: number;
  user_id: string;
  anonymous_id: string;
  account_id: string;
  session_id: string;
  properties: string;
  context: string;
  traits: string;
  library_name: string;
  library_version: string;
  source: EventSource;
}

/** An event as the explorer returns it. */
export const StoredEventSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.Union(EVENT_TYPES.map((t) => Type.Literal(t))),
    event: Type.String(),
    feature: Type.String(),
    timestamp: Type.String({ format: 'date-time' }),
    receivedAt: Type.String({ format: 'date-time' }),
    userId: Type.Union([Type.String(), Type.Null()]),
    anonymousId: Type.Union([Type.String(), Type.Null()]),
    accountId: Type.Union([Type.String(), Type.Null()]),
    sessionId: Type.Union([Type.String(), Type.Null()]),
    properties: Type.Record(Type.String(), Type.Unknown()),
    context: Type.Record(Type.String(), Type.Unknown()),
    traits: Type.Record(Type.String(), Type.Unknown()),
    library: Type.Object({ name: Type.String(), version: Type.String() }),
    source: Type.Union([Type.Literal('segment'), Type.Literal('posthog')]),
  },
  { $id: 'StoredEvent' },
);
export type StoredEvent = Static<typeof StoredEventSchema>;

const IsoTime = Type.String({ format: 'date-time', description: 'ISO 8601 time, UTC' });

export const EventListQuerySchema = Type.Object({
  event: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
  from: Type.Optional(IsoTime),
  to: Type.Optional(IsoTime),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
});
export type EventListQuery = Static<typeof EventListQuerySchema>;

export const EventListPageSchema = Type.Object({
  events: Type.Array(StoredEventSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type EventListPage = Static<typeof EventListPageSchema>;

export const EventDefinitionSchema = Type.Object({
  event: Type.String(),
  count: Type.Integer(),
  firstSeen: Type.String({ format: 'date-time' }),
  lastSeen: Type.String({ format: 'date-time' }),
});
export const EventDefinitionListSchema = Type.Object({ definitions: Type.Array(EventDefinitionSchema) });
export type EventDefinitionList = Static<typeof EventDefinitionListSchema>;
