/** Parses an ISO string or epoch milliseconds; NaN when it is neither. */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string' && value.length > 0) return Date.parse(value);
  return NaN;
}

/**
 * When the event happened, corrected for the client's clock: the client says it sent the message at `sentAt`
 * by its own clock, and we received it at `receivedAt` by ours, so its clock is off by (sentAt − receivedAt).
 * Returns NaN when the timestamp is present but unreadable.
 */
export function correctedTimestamp(timestamp: unknown, sentAt: unknown, receivedAt: number): number {
  if (timestamp === undefined || timestamp === null) return receivedAt;
  const ts = parseTime(timestamp);
  if (Number.isNaN(ts)) return NaN;
  const sent = parseTime(sentAt);
  return Number.isNaN(sent) ? ts : receivedAt - (sent - ts);
}
