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
  'retain_until',
] as const;

/** `retain_until` of an event kept until deleted: the default of the column (migration 0005), in Unix seconds. */
export const KEEP_FOREVER = Date.UTC(2106, 0, 1) / 1000;

/** When ClickHouse deletes an event (Unix seconds): its timestamp plus the project's retention, if it has one. */
export function retainUntil(timestamp: number, retentionDays: number | null): number {
  if (retentionDays === null) return KEEP_FOREVER;
  return Math.min(KEEP_FOREVER, Math.floor(timestamp / 1000) + retentionDays * 86_400);
}

/**
 * Rows as JSONCompactEachRow lines: JSON's escaping and value rules (the same as JSONEachRow) without a key per
 * value, so both the encoding here and ClickHouse's parsing do less work per row.
 */
export function encodeEventRows(rows: readonly EventRow[], retentionDays: number | null = null): Buffer {
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
      retainUntil(r.timestamp, retentionDays),
    ])}\n`;
  }
  return Buffer.from(text);
}
