import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { MAX_BATCH_ITEMS } from './ingest-limits';

const Id = Type.Union([Type.String({ maxLength: 255 }), Type.Number()]);
const Obj = Type.Record(Type.String(), Type.Unknown());
const Time = Type.Union([Type.String({ format: 'date-time' }), Type.Number()]);

const common = {
  messageId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  userId: Type.Optional(Type.Union([Id, Type.Null()])),
  anonymousId: Type.Optional(Type.Union([Id, Type.Null()])),
  timestamp: Type.Optional(Time),
  /** When the event happened by the client's clock, as RudderStack sends it (in place of `timestamp`). */
  originalTimestamp: Type.Optional(Time),
  sentAt: Type.Optional(Time),
  context: Type.Optional(Obj),
  integrations: Type.Optional(Obj),
};

/** Segment Tracking API messages, one schema per call type (https://segment.com/docs/connections/spec/). */
export const SegmentMessages = {
  track: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('track')),
    event: Type.String({ minLength: 1, maxLength: 200 }),
    properties: Type.Optional(Obj),
  }),
  identify: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('identify')),
    traits: Type.Optional(Obj),
  }),
  group: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('group')),
    groupId: Id,
    traits: Type.Optional(Obj),
  }),
  page: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('page')),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Type.String({ maxLength: 200 })),
    properties: Type.Optional(Obj),
  }),
  screen: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('screen')),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Type.String({ maxLength: 200 })),
    properties: Type.Optional(Obj),
  }),
  alias: Type.Object({
    ...common,
    type: Type.Optional(Type.Literal('alias')),
    previousId: Id,
  }),
} satisfies Record<string, TSchema>;
export type SegmentType = keyof typeof SegmentMessages;
export type SegmentMessage<T extends SegmentType = SegmentType> = Static<(typeof SegmentMessages)[T]> & {
  type?: T;
};

/** The envelope of `POST /v1/batch`; items are validated one by one so that one bad item loses no other. */
export const SegmentBatchBodySchema = Type.Object({
  batch: Type.Array(Type.Unknown(), { minItems: 1, maxItems: MAX_BATCH_ITEMS }),
  context: Type.Optional(Obj),
  integrations: Type.Optional(Obj),
  sentAt: Type.Optional(Time),
  writeKey: Type.Optional(Type.String()),
});
export type SegmentBatchBody = Static<typeof SegmentBatchBodySchema>;

/** A single-call body (`/v1/track`, …): its own fields are checked by the per-type schema. */
export const SegmentSingleBodySchema = Type.Object({ writeKey: Type.Optional(Type.String()) });

/** What ingest answers to an accepted request. */
export const IngestResultSchema = Type.Object({
  success: Type.Boolean(),
  accepted: Type.Integer({ description: 'Events stored (or already stored under the same id)' }),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), message: Type.String() }), {
    description: 'Items refused, with their index in the batch (the first 100); the other items are stored',
  }),
  rejectedCount: Type.Optional(
    Type.Integer({ description: 'All refused items, when there are more than the 100 listed' }),
  ),
});
export type IngestResult = Static<typeof IngestResultSchema>;
export type RejectedItem = IngestResult['rejected'][number];
