import { type EventRow, type EventSource, type EventType } from '@bindery/contracts';
import { v7 as uuidv7 } from 'uuid';

/** One item of a request: mapped onto a row, or refused with a reason. */
export type MappedItem = { ok: true; row: EventRow } | { ok: false; code: string; message: string };

export const refuse = (code: string, message: string): MappedItem => ({ ok: false, code, message });

const idString = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : '';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** Fields of an event on its way to a row, in Bindery's terms, whichever wire format it came in. */
export interface EventFields {
  source: EventSource;
  type: EventType;
  event: string;
  eventId?: string;
  timestamp: number;
  userId?: unknown;
  anonymousId?: unknown;
  accountId?: unknown;
  sessionId?: unknown;
  properties?: Json;
  context?: Json;
  traits?: Json;
  libraryName?: unknown;
  libraryVersion?: unknown;
}

const utf8Bytes = (row: EventRow): number =>
  Buffer.byteLength(row.properties) + Buffer.byteLength(row.context) + Buffer.byteLength(row.traits);

/** Builds the stored row, or refuses it: no identity, an unreadable time, or larger than `maxBytes`. */
export function toRow(projectId: string, f: EventFields, receivedAt: number, maxBytes: number): MappedItem {
  if (Number.isNaN(f.timestamp)) return refuse('invalid_timestamp', 'timestamp is not a valid ISO 8601 time');
  const userId = idString(f.userId);
  const anonymousId = idString(f.anonymousId);
  const accountId = idString(f.accountId);
  if (f.type === 'group' ? !accountId : !userId && !anonymousId) {
    return refuse(
      'missing_identity',
      f.type === 'group' ? 'groupId is required' : 'userId or anonymousId is required',
    );
  }
  const properties = f.properties ?? {};
  const feature =
    f.type !== 'track'
      ? ''
      : typeof properties.feature === 'string' && properties.feature
        ? properties.feature
        : f.event;
  const row: EventRow = {
    project_id: projectId,
    event_id: f.eventId || uuidv7(),
    type: f.type,
    event: f.event,
    feature: feature.slice(0, 200),
    timestamp: Math.round(f.timestamp),
    received_at: receivedAt,
    user_id: userId,
    anonymous_id: anonymousId,
    account_id: accountId,
    session_id: idString(f.sessionId),
    properties: JSON.stringify(properties),
    context: JSON.stringify(f.context ?? {}),
    traits: JSON.stringify(f.traits ?? {}),
    library_name: idString(f.libraryName).slice(0, 100),
    library_version: idString(f.libraryVersion).slice(0, 50),
    source: f.source,
  };
  const chars = row.properties.length + row.context.length + row.traits.length;
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most events are measured without encoding them.
  if (3 * chars + 512 > maxBytes && utf8Bytes(row) + 512 > maxBytes) {
    return refuse('payload_too_large', `event is larger than ${maxBytes} bytes`);
  }
  return { ok: true, row };
}

export { asObject, idString };
