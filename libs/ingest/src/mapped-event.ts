/// <reference lib="es2024.string" />
import { type EventRow, type EventSource, type EventType, MAX_NESTING_DEPTH } from '@bindery/contracts';
import { v7 as uuidv7 } from 'uuid';
import { type TimeBounds, timeOutOfBounds } from './event-time';

/** One item of a request: mapped onto a row, or refused with a reason. */
export type MappedItem = { ok: true; row: EventRow } | { ok: false; code: string; message: string };

export const refuse = (code: string, message: string): MappedItem => ({ ok: false, code, message });

/** Longest stored strings, in code points: a longer id is refused, a longer name or version is cut. */
const MAX_ID = 255;
const MAX_EVENT = 200;
const MAX_FEATURE = 200;
const MAX_LIBRARY_NAME = 100;
const MAX_LIBRARY_VERSION = 50;
/** Read once: an imported binding is a property getter in the compiled code, too slow for every event. */
const MAX_DEPTH = MAX_NESTING_DEPTH;

const idString = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : '';

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};

/** `s` with each lone surrogate replaced by U+FFFD: ClickHouse refuses a whole insert over one of them. */
const wellFormed = (s: string): string => (s.isWellFormed() ? s : s.toWellFormed());

/** The first `max` code points of `s`, well-formed: never half of a surrogate pair. */
export function cutCodePoints(s: string, max: number): string {
  if (s.length <= max) return wellFormed(s);
  let end = 0;
  for (let n = 0; n < max && end < s.length; n++) {
    const c = s.charCodeAt(end);
    const pair = c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    end += pair ? 2 : 1;
  }
  return wellFormed(s.slice(0, end));
}

/** Code points of `s` (a surrogate pair is one). */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * A lone surrogate escape in JSON text (JSON.stringify writes a lone surrogate as `\udxxx` and a pair as its
 * characters), or an escaped backslash, matched from the left so that `\\ud800` (a backslash, then text) is not
 * read as an escape.
 */
const LONE_SURROGATE_ESCAPE = /\\(\\|ud[89a-f][0-9a-f]{2})/g;

/** JSON text of `value` with lone surrogates (in keys and values) replaced by U+FFFD; checked in one native scan. */
function safeJson(value: Json): string {
  const text = JSON.stringify(value);
  if (!text.includes('\\ud')) return text;
  return text.replace(LONE_SURROGATE_ESCAPE, (escape: string, what: string) =>
    what === '\\' ? escape : '\ufffd',
  );
}

/** True when `value` holds objects or arrays more than `levels` deep, `value` itself being the first level. */
function deeperThan(value: object, levels: number): boolean {
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const v of value as unknown[]) {
      if (typeof v === 'object' && v !== null && deeperThan(v, levels - 1)) return true;
    }
    return false;
  }
  for (const key in value) {
    const v = (value as Json)[key];
    if (typeof v === 'object' && v !== null && deeperThan(v, levels - 1)) return true;
  }
  return false;
}

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

/**
 * Builds the stored row, or refuses it: no identity, an unreadable time, an id over 255 characters, JSON nested
 * deeper than {@link MAX_NESTING_DEPTH}, or larger than `maxBytes`. Every string of the row is well-formed
 * UTF-16 and cut by code points, so that no row can fail the insert it shares with other requests.
 */
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
  const sessionId = idString(f.sessionId);
  const longest = Math.max(userId.length, anonymousId.length, accountId.length, sessionId.length);
  if (longest > MAX_ID) {
    const ids = { userId, anonymousId, accountId, sessionId };
    const long = Object.entries(ids).find(([, id]) => codePoints(id) > MAX_ID);
    if (long) return refuse('invalid_event', `${long[0]} must not be longer than ${MAX_ID} characters`);
  }
  const properties = f.properties ?? {};
  const context = f.context ?? {};
  const traits = f.traits ?? {};
  const deep = deeperThan(properties, MAX_DEPTH)
    ? 'properties'
    : deeperThan(context, MAX_DEPTH)
      ? 'context'
      : deeperThan(traits, MAX_DEPTH)
        ? 'traits'
        : undefined;
  if (deep) {
    return refuse('too_deep', `${deep} are nested deeper than ${MAX_DEPTH} levels of objects and arrays`);
  }
  const feature =
    f.type !== 'track'
      ? ''
      : typeof properties.feature === 'string' && properties.feature
        ? properties.feature
        : f.event;
  const row: EventRow = {
    project_id: projectId,
    event_id: f.eventId ? wellFormed(f.eventId) : uuidv7(),
    type: f.type,
    event: cutCodePoints(f.event, MAX_EVENT),
    feature: cutCodePoints(feature, MAX_FEATURE),
    timestamp: Math.round(f.timestamp),
    received_at: receivedAt,
    user_id: wellFormed(userId),
    anonymous_id: wellFormed(anonymousId),
    account_id: wellFormed(accountId),
    session_id: wellFormed(sessionId),
    properties: safeJson(properties),
    context: safeJson(context),
    traits: safeJson(traits),
    library_name: cutCodePoints(idString(f.libraryName), MAX_LIBRARY_NAME),
    library_version: cutCodePoints(idString(f.libraryVersion), MAX_LIBRARY_VERSION),
    source: f.source,
  };
  const chars = row.properties.length + row.context.length + row.traits.length;
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most events are measured without encoding them.
  if (3 * chars + 512 > maxBytes && utf8Bytes(row) + 512 > maxBytes) {
    return refuse('payload_too_large', `event is larger than ${maxBytes} bytes`);
  }
  return { ok: true, row };
}

/** `mapped` as it is, unless it is a row whose time is outside `bounds`: then its refusal, for it is never stored. */
export function withinTimeBounds(mapped: MappedItem, bounds: TimeBounds): MappedItem {
  if (!mapped.ok) return mapped;
  const problem = timeOutOfBounds(mapped.row.timestamp, mapped.row.received_at, bounds);
  return problem === undefined ? mapped : refuse('invalid_timestamp', problem);
}

export { asObject, idString };
