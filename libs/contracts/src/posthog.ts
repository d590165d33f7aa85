import { Type, type Static } from '@sinclair/typebox';

const Obj = Type.Record(Type.String(), Type.Unknown());

/** A PostHog capture event (https://posthog.com/docs/api/capture). */
export const PostHogEventSchema = Type.Object({
  event: Type.String({ minLength: 1, maxLength: 200 }),
  distinct_id: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Number()])),
  properties: Type.Optional(Obj),
  timestamp: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Number()])),
  uuid: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  offset: Type.Optional(Type.Number({ minimum: 0 })),
  $set: Type.Optional(Obj),
  $set_once: Type.Optional(Obj),
  api_key: Type.Optional(Type.String()),
  token: Type.Optional(Type.String()),
});
export type PostHogEvent = Static<typeof PostHogEventSchema>;

/** What `/batch/`, `/capture/`, `/e/` and `/i/v0/e/` accept: a batch envelope, one event, or an array of events. */
export interface PostHogBody {
  api_key?: unknown;
  token?: unknown;
  batch?: unknown;
  sent_at?: unknown;
  [key: string]: unknown;
}

export const PostHogResultSchema = Type.Object({
  status: Type.Integer({ description: '1 when accepted, as PostHog answers' }),
  accepted: Type.Integer(),
  rejected: Type.Array(Type.Object({ index: Type.Integer(), code: Type.String(), message: Type.String() })),
  rejectedCount: Type.Optional(Type.Integer()),
});
export type PostHogResult = Static<typeof PostHogResultSchema>;
