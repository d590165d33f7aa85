/**
 * Token buckets per key (here: per project), refilled continuously at `ratePerSecond` up to `burst`.
 * In memory, so the limit holds per ingest instance.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes `cost` tokens and returns 0, or takes nothing and returns the seconds to wait before `cost` fits. */
  take(key: string, cost: number): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    const missing = Math.min(cost, this.burst) - bucket.tokens;
    return Math.max(1, Math.ceil(missing / this.ratePerSecond));
  }
}
