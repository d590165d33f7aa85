import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { retryAfterSeconds } from '@bindery/contracts';
import { REDIS } from '@bindery/queue';

/** At most `failures` in a window of `seconds` that the first of them opens; then none until it ends. */
export interface FailureLimit {
  failures: number;
  seconds: number;
}

/**
 * Failures of one kind (wrong passwords, wrong keys) counted per key, in Redis, so that every process serving
 * the API counts them together: behind a load balancer, guessing across replicas gets no more tries than
 * against one. Keys are kept as hashes (an address or an email is personal data) and expire with their window.
 * While Redis does not answer (or the connection is not ready yet), each process counts in its own memory
 * instead, so that signing in never waits for Redis.
 */
export class FailureCounter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    redis: Redis,
    keyPrefix: string,
    private readonly limit: FailureLimit,
  ) {
    const options = { keyPrefix, points: limit.failures, duration: limit.seconds };
    this.limiter = new RateLimiterRedis({
      ...options,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
  }

  /** The seconds until `key` may fail again: 0 while it is under its limit. */
  async wait(key: string): Promise<number> {
    const counted = await this.limiter.get(hashed(key));
    if (!counted || counted.consumedPoints < this.limit.failures) return 0;
    return retryAfterSeconds(counted.msBeforeNext);
  }

  /** Counts a failure of `key`. */
  async fail(key: string): Promise<void> {
    await this.limiter.penalty(hashed(key), 1);
  }

  /**
   * Counts an attempt of `key` as a failure before it is checked, and answers the seconds to wait when that
   * puts it past its limit (0 otherwise): attempts made at the same moment are counted one by one, none of
   * them checked against a count the others have not raised yet. {@link succeeded} takes the count back.
   */
  async attempt(key: string): Promise<number> {
    try {
      await this.limiter.consume(hashed(key), 1);
      return 0;
    } catch (refused) {
      if (!(refused instanceof RateLimiterRes)) throw refused;
      return retryAfterSeconds(refused.msBeforeNext);
    }
  }

  /** Takes back the failure {@link attempt} counted for `key`: the attempt succeeded. */
  async succeeded(key: string): Promise<void> {
    await this.limiter.reward(hashed(key), 1);
  }
}

const hashed = (key: string) => createHash('sha256').update(key).digest('base64url');

/** Each kind of failure Bindery limits, and how many of it a key may make. */
export const FAILURE_LIMITS = {
  /** Failed sign-ins from one client address. */
  signInByAddress: { failures: 20, seconds: 240 },
  /** Failed sign-ins with one email, whether an account has it or not. */
  signInByEmail: { failures: 5, seconds: 300 },
  /** Calls with a wrong key or token from one client address. */
  credentialsByAddress: { failures: 20, seconds: 240 },
} as const satisfies Record<string, FailureLimit>;

/** The failure counters, shared by every process on the same Redis (keys under QUEUE_PREFIX). */
@Injectable()
export class FailureLimits {
  readonly signInByAddress: FailureCounter;
  readonly signInByEmail: FailureCounter;
  readonly credentialsByAddress: FailureCounter;

  constructor(@Inject(REDIS) redis: Redis, @Inject(BINDERY_CONFIG) config: BinderyConfig) {
    const counter = (name: keyof typeof FAILURE_LIMITS) =>
      new FailureCounter(redis, `${config.queuePrefix}:failures:${name}`, FAILURE_LIMITS[name]);
    this.signInByAddress = counter('signInByAddress');
    this.signInByEmail = counter('signInByEmail');
    this.credentialsByAddress = counter('credentialsByAddress');
  }
}
