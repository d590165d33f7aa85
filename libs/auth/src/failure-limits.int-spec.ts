import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type BinderyConfig } from '@bindery/config';
import { FailureCounter, FailureLimits } from './failure-limits';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = { failures: 5, seconds: 60 };

/**
 * Failures counted in the Redis server, as processes serving the API behind a load balancer count them: each
 * "process" here has a connection and counters of its own, as two replicas would.
 */
describe('FailureLimits', () => {
  const connections: Redis[] = [];
  /** A connection once it is ready: until then the counters count in memory. */
  const connect = async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    connections.push(redis);
    await redis.ping();
    return redis;
  };
  const processOn = async (prefix: string) =>
    new FailureLimits(await connect(), { queuePrefix: prefix } as BinderyConfig);

  afterAll(async () => {
    await Promise.all(connections.map((redis) => redis.quit().catch(() => redis.disconnect())));
  });

  it('counts the failures of every process together, and each deployment (prefix) apart', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const [one, two] = [await processOn(prefix), await processOn(prefix)];
    const other = await processOn(`test-${randomBytes(6).toString('hex')}`);
    const address = '203.0.113.7';
    for (let i = 0; i < 10; i++) await (i % 2 ? one : two).credentialsByAddress.fail(address);
    expect(await one.credentialsByAddress.wait(address)).toBe(0);
    expect(await two.credentialsByAddress.wait(address)).toBe(0);
    for (let i = 0; i < 10; i++) await (i % 2 ? one : two).credentialsByAddress.fail(address);
    // 20 failures across both: past the limit for both, not for another address or another deployment.
    expect(await one.credentialsByAddress.wait(address)).toBeGreaterThan(0);
    expect(await two.credentialsByAddress.wait(address)).toBeGreaterThan(200);
    expect(await two.credentialsByAddress.wait('203.0.113.8')).toBe(0);
    expect(await other.credentialsByAddress.wait(address)).toBe(0);
    // The kinds are apart too: wrong keys do not lock out signing in.
    expect(await one.signInByAddress.attempt(address)).toBe(0);
  });

  it('keeps the address and email out of the keys it stores', async () => {
    const prefix = `test-${randomBytes(6).toString('hex')}`;
    const limits = await processOn(prefix);
    // Parts with a dot, which neither the hex prefix nor a base64url hash can hold by chance (a bare "ada" was
    // once in the random prefix).
    await limits.signInByEmail.attempt('ada.lovelace@customer.example');
    const redis = connections.at(-1)!;
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys).toHaveLength(1);
    expect(keys.join()).not.toContain('ada.lovelace');
    expect(keys.join()).not.toContain('customer.example');
    expect(await redis.pttl(keys[0]!)).toBeGreaterThan(0);
  });

  it('counts attempts made at the same moment one by one, and takes back those that succeeded', async () => {
    const counter = new FailureCounter(await connect(), `test-${randomBytes(6).toString('hex')}`, LIMIT);
    const waits = await Promise.all(Array.from({ length: 30 }, () => counter.attempt('guesser')));
    expect(waits.filter((w) => w === 0)).toHaveLength(LIMIT.failures);
    expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(0);

    const user = new FailureCounter(await connect(), `test-${randomBytes(6).toString('hex')}`, LIMIT);
    for (let i = 0; i < 20; i++) {
      expect(await user.attempt('ada')).toBe(0);
      await user.succeeded('ada');
    }
    expect(await user.wait('ada')).toBe(0);
  });

  it('counts in its own memory while Redis does not answer, without waiting for it', async () => {
    const down = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: null });
    connections.push(down);
    const counter = new FailureCounter(down, 'test-down', LIMIT);
    const started = Date.now();
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) waits.push(await counter.attempt('guesser'));
    expect(waits.map((w) => w > 0)).toEqual([false, false, false, false, false, true, true]);
    expect(await counter.wait('guesser')).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
