/** Parses an ISO string or epoch milliseconds; NaN when it is neither. */
export function parseTime(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value === 'string' && value.length > 0) return Date.parse(value);
  return NaN;
}

/**
 * When the event happened, corrected for the client's clock: the client says it sent the message at `sentAt`
 * by its own clock, and we received it at `receivedAt` by ours, so its clock is off by (sentAt − receivedAt).
 * The same holds for Segment's `timestamp` and RudderStack's `originalTimestamp`, both read by the client's clock.
 * Returns NaN when the timestamp is present but unreadable.
 */
export function correctedTimestamp(timestamp: unknown, sentAt: unknown, receivedAt: number): number {
  if (timestamp === undefined || timestamp === null) return receivedAt;
  const ts = parseTime(timestamp);
  if (Number.isNaN(ts)) return NaN;
  const sent = parseTime(sentAt);
  return Number.isNaN(sent) ? ts : receivedAt - (sent - ts);
}

/** The event times ingest accepts: from `minTimestamp` (epoch ms) to `maxFutureSeconds` after receipt. */
export interface TimeBounds {
  minTimestamp: number;
  maxFutureSeconds: number;
}

/** The largest magnitude a JavaScript Date holds (±100,000,000 days). */
const DATE_LIMIT = 8.64e15;

const describeTime = (ms: number) => (Math.abs(ms) <= DATE_LIMIT ? new Date(ms).toISOString() : String(ms));

/** Why an event time is outside `bounds`, in words for the client; undefined when it is within them. */
export function timeOutOfBounds(
  timestamp: number,
  receivedAt: number,
  bounds: TimeBounds,
): string | undefined {
  if (timestamp >= bounds.minTimestamp && timestamp <= receivedAt + bounds.maxFutureSeconds * 1000)
    return undefined;
  return (
    `timestamp ${describeTime(timestamp)} is outside the accepted range: from ` +
    `${new Date(bounds.minTimestamp).toISOString()} to ${bounds.maxFutureSeconds} s after receipt`
  );
}
