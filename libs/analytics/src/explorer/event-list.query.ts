import { type EventListQuery, type EventRow, InvalidInput } from '@bindery/contracts';
import { type BoundQuery } from '@bindery/event-queries';

/** A row of an events query: the stored row with its times as epoch milliseconds. */
export type EventRecord = Omit<EventRow, 'project_id' | 'timestamp' | 'received_at'> & {
  ts: number;
  received: number;
};

export interface Cursor {
  timestamp: number;
  eventId: string;
}

/** Milliseconds of the widest time an event can hold (DateTime64(3) reaches 2299); a cursor past it was not ours. */
const MAX_TIME_MS = 10_000_000_000_000;

/** An opaque cursor of the events list: the (timestamp, event id) of a page's last event. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.timestamp, cursor.eventId])).toString('base64url');
}

/** The position a cursor from {@link encodeCursor} holds; any other is invalid input. */
export function decodeCursor(cursor: string): Cursor {
  try {
    const [timestamp, eventId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof timestamp === 'number' &&
      Number.isInteger(timestamp) &&
      Math.abs(timestamp) < MAX_TIME_MS &&
      typeof eventId === 'string'
    ) {
      return { timestamp, eventId };
    }
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor this API returned');
}

const COLUMNS = `event_id, type, event, feature,
    toUnixTimestamp64Milli(timestamp) AS ts, toUnixTimestamp64Milli(received_at) AS received,
    user_id, anonymous_id, account_id, session_id, properties, context, traits,
    library_name, library_version, source`;

/**
 * Newest events first, keyset-paged on (timestamp, event_id); one row more than the page tells if another follows.
 * With `sinceDay` (a day number), only the events of that day and later: the days FINAL reads.
 */
export function eventListQuery(
  projectId: string,
  q: EventListQuery,
  sinceDay?: number,
): BoundQuery<EventRecord> {
  const where = ['project_id = {projectId:UUID}'];
  const params: Record<string, unknown> = { projectId, limit: q.limit + 1 };
  if (sinceDay !== undefined) {
    where.push('toDate(timestamp) >= toDate({sinceDay:UInt32})');
    params.sinceDay = sinceDay;
  }
  if (q.event !== undefined) {
    where.push('event = {event:String}');
    params.event = q.event;
  }
  if (q.userId !== undefined) {
    where.push('user_id = {userId:String}');
    params.userId = q.userId;
  }
  if (q.accountId !== undefined) {
    where.push('account_id = {accountId:String}');
    params.accountId = q.accountId;
  }
  if (q.from !== undefined) {
    where.push('timestamp >= fromUnixTimestamp64Milli({from:Int64})');
    params.from = Date.parse(q.from);
  }
  if (q.to !== undefined) {
    where.push('timestamp < fromUnixTimestamp64Milli({to:Int64})');
    params.to = Date.parse(q.to);
  }
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor);
    where.push('(timestamp, event_id) < (fromUnixTimestamp64Milli({cursorTs:Int64}), {cursorId:String})');
    params.cursorTs = cursor.timestamp;
    params.cursorId = cursor.eventId;
  }
  return {
    query: `SELECT ${COLUMNS}
FROM events FINAL
WHERE ${where.join('\n  AND ')}
ORDER BY timestamp DESC, event_id DESC
LIMIT {limit:UInt32}`,
    params,
  };
}

/** Each event name the project has sent, with its count and first and last time seen. */
export function eventDefinitionsQuery(
  projectId: string,
): BoundQuery<{ event: string; count: number; first_seen: number; last_seen: number }> {
  return {
    query: `SELECT event, count() AS count,
    toUnixTimestamp64Milli(min(timestamp)) AS first_seen, toUnixTimestamp64Milli(max(timestamp)) AS last_seen
FROM events FINAL
WHERE project_id = {projectId:UUID}
GROUP BY event
ORDER BY count DESC, event
LIMIT 10000`,
    params: { projectId },
  };
}
