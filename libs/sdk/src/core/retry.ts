/** What to do with a batch after an answer from ingest. */
export type Verdict =
  { kind: 'delivered' } | { kind: 'split' } | { kind: 'retry'; afterMs?: number } | { kind: 'refused' };

/** Longest wait a `Retry-After` can ask for; a larger value is taken as this. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const ms = /^\s*\d+(\.\d+)?\s*$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
  return Number.isNaN(ms) ? undefined : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * Judges an answer: 2xx delivered; 413 split and resend; 408, 429 and 5xx retried (after `Retry-After` when
 * given); any other status refused for good, since sending the same bytes again cannot change it.
 */
export function judge(status: number, retryAfter: string | null, now: number): Verdict {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 413) return { kind: 'split' };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: 'retry', afterMs: parseRetryAfter(retryAfter, now) };
  }
  return { kind: 'refused' };
}

/**
 * Delay before retry number `attempt` (1, 2, …): exponential from `minMs`, capped at `maxMs`, with "equal
 * jitter" (a random point in the upper half) so that clients that failed together do not retry together.
 */
export function backoff(
  attempt: number,
  minMs: number,
  maxMs: number,
  random: number = Math.random(),
): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random * ceiling) / 2);
}
