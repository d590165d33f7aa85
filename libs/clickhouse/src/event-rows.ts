import { type EventRow } from '@bindery/contracts';

/** The columns of `events`, in the order {@link encodeEventRows} writes them. */
export const EVENT_COLUMNS = [
  'project_id',
  'event_id',
  'type',
  'event',
  'feature',
  'timestamp',
  'received_at',
  'user_id',
  'anonymous_id',
  'account_id',
  'session_id',
  'properties',
  'context',
  'traits',
  'library_name',
  'library_version',
  'source',
] as const;

/**
 * Rows as JSONCompactEachRow lines: JSON's escaping and value rules (the same as JSONEachRow) without a key per
 * value, so both the encoding here and ClickHouse's parsing do less work per row.
 */
export function encodeEventRows(rows: readonly EventRow[]): Buffer {
  let text = '';
  for (const r of rows) {
    text += `${JSON.stringify([
      r.project_id,
      r.event_id,
      r.type,
      r.event,
      r.feature,
      r.timestamp,
      r.received_at,
      r.user_id,
      r.anonymous_id,
      r.account_id,
      r.session_id,
      r.properties,
      r.context,
      r.traits,
      r.library_name,
      r.library_version,
      r.source,
    ])}\n`;
  }
  return Buffer.from(text);
}
