/** Keys kept at most; past it, the keys whose buckets are full again (idle ones) are forgotten. */
const MAX_KEYS = 10_000;

/**
 * Token buckets per key (a project, a client address), refilled continuously at `ratePerSecond` up to
 * `burst`. In memory, so a limit holds per instance.
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
    const bucket = this.refill(key);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return this.secondsUntil(bucket.tokens, cost);
  }

  /** The seconds to wait before `cost` fits (0: it fits now), taking nothing. */
  wait(key: string, cost: number): number {
    const bucket = this.refill(key);
    return bucket.tokens >= cost ? 0 : this.secondsUntil(bucket.tokens, cost);
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_KEYS) this.forgetIdle(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSecond);
    bucket.at = now;
    return bucket;
  }

  private secondsUntil(tokens: number, cost: number): number {
    return Math.max(1, Math.ceil((Math.min(cost, this.burst) - tokens) / this.ratePerSecond));
  }

  private forgetIdle(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.ratePerSecond >= this.burst) this.buckets.delete(key);
    }
  }
}
