import { FakePlatform, MemoryStore, ok, recordingLogger, status } from '../testing/fake-platform';
import { BinderyClient } from './client';
import { type BinderyOptions } from './types';

function setup(options: Partial<BinderyOptions> = {}, platform = new FakePlatform()) {
  const log = recordingLogger();
  const client = new BinderyClient(
    {
      writeKey: 'wk_test',
      host: 'https://ingest.test/',
      logger: log,
      minRetryDelay: 100,
      maxRetryDelay: 1000,
      ...options,
    },
    platform,
  );
  let next = 0;
  /** Tracks `n` events numbered on from the last call's (`properties.i`). */
  const track = (n: number, extra: Record<string, unknown> = {}) => {
    for (let k = 0; k < n; k++) client.track('Clicked', { i: next++, ...extra }, { userId: 'u1' });
  };
  return { client, platform, log, track };
}

const settle = () => jest.advanceTimersByTimeAsync(0);
const gaps = (p: FakePlatform) =>
  p.requests.flatMap((r, i) => {
    const before = p.requests[i - 1];
    return before ? [r.at - before.at] : [];
  });

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('batching', () => {
  it('sends once flushAt events are queued, to /v1/batch with the write key and sentAt', async () => {
    const { platform, track } = setup({ flushAt: 3 });
    track(2);
    await settle();
    expect(platform.requests).toHaveLength(0);
    track(1);
    await settle();
    expect(platform.requests).toHaveLength(1);
    const [request] = platform.requests;
    expect(request?.url).toBe('https://ingest.test/v1/batch');
    expect(request?.body).toMatchObject({ writeKey: 'wk_test', sentAt: new Date().toISOString() });
    expect(request?.body.batch.map((m) => m.properties?.i)).toEqual([0, 1, 2]);
  });

  it('sends what is queued flushInterval after the first event, and no sooner', async () => {
    const { platform, track } = setup({ flushAt: 100, flushInterval: 1000 });
    track(2);
    await jest.advanceTimersByTimeAsync(999);
    expect(platform.requests).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(platform.batches().map((b) => b.length)).toEqual([2]);
  });

  it('keeps each request within maxBatchBytes and sends as soon as that much is queued', async () => {
    const { platform, track } = setup({ flushAt: 1000, flushInterval: 60_000, maxBatchBytes: 3000 });
    track(20, { pad: 'p'.repeat(400) });
    await settle();
    expect(platform.requests.length).toBeGreaterThan(1);
    expect(platform.requests.every((r) => r.bytes <= 3000)).toBe(true);
    const sent = platform.sent().map((m) => m.properties?.i);
    expect(sent.length).toBeLessThan(20); // the tail waits for the interval: not enough bytes for a request
    await jest.advanceTimersByTimeAsync(60_000);
    expect(platform.sent().map((m) => m.properties?.i)).toEqual([...Array(20).keys()]);
  });
});

describe('retries', () => {
  it('retries 503 and 429 after their Retry-After, with the same events under the same ids', async () => {
    const { client, platform, track } = setup({ flushAt: 100 });
    platform.script = [status(503, '2'), status(429, '1'), ok()];
    track(3);
    const flushed = client.flush();
    await jest.advanceTimersByTimeAsync(5000);
    await flushed;
    expect(platform.requests).toHaveLength(3);
    expect(gaps(platform)[0]).toBeGreaterThanOrEqual(2000);
    expect(gaps(platform)[1]).toBeGreaterThanOrEqual(1000);
    const [first, ...retries] = platform.requests.map((r) => r.body.batch);
    for (const retry of retries) expect(retry).toEqual(first);
  });

  it.each([
    [1, [100, 200, 400, 800, 1000]],
    [0, [50, 100, 200, 400, 500]],
  ])(
    'backs off exponentially with jitter on network errors, 408 and 5xx (random %d)',
    async (random, expected) => {
      jest.spyOn(Math, 'random').mockReturnValue(random);
      const { client, platform, track } = setup({ flushAt: 100 });
      platform.script = [new Error('ECONNRESET'), status(500), status(502), status(408), status(504), ok()];
      track(1);
      const flushed = client.flush();
      await jest.advanceTimersByTimeAsync(5000);
      await flushed;
      expect(gaps(platform)).toEqual(expected);
    },
  );

  it.each([400, 401, 403, 404, 422])('never retries a %d, and says so', async (code) => {
    const { client, platform, log, track } = setup({ flushAt: 100 });
    platform.script = [status(code)];
    track(2);
    await client.flush();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(platform.requests).toHaveLength(1);
    expect(log.errors).toEqual([expect.stringContaining(`dropped 2 events, refused by ingest: ${code}`)]);
  });

  it('drops a batch after maxRetries retries, with an error, and goes on with the next', async () => {
    const { client, platform, log, track } = setup({ flushAt: 100, maxRetries: 2 });
    platform.script = [status(503, '0'), status(503, '0'), status(503, '0')];
    track(2);
    const flushed = client.flush();
    await jest.advanceTimersByTimeAsync(5000);
    await flushed;
    expect(platform.requests).toHaveLength(3);
    expect(log.errors).toEqual([expect.stringContaining('dropped 2 events, after 2 retries: 503')]);
    track(1);
    await client.flush();
    expect(platform.requests).toHaveLength(4);
  });

  it('aborts a request not answered within requestTimeout and retries it', async () => {
    const { client, platform, track } = setup({ flushAt: 100, requestTimeout: 1000 });
    platform.script = ['hang', ok()];
    track(1);
    const flushed = client.flush();
    await jest.advanceTimersByTimeAsync(999);
    expect(platform.requests).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1200);
    await flushed;
    expect(platform.batches()[1]).toEqual(platform.batches()[0]);
  });
});

describe('413', () => {
  it('splits the batch into halves, resends them, and keeps later batches as small', async () => {
    const { client, platform, track } = setup({ flushAt: 100 });
    platform.script = [status(413)];
    track(8);
    await client.flush();
    expect(platform.batches().map((b) => b.length)).toEqual([8, 4, 4]);
    expect(platform.batches().slice(1).flat()).toEqual(platform.batches()[0]);
    track(8);
    await client.flush();
    const [, second, third] = platform.requests;
    if (!second || !third) throw new Error('expected the split batch in two requests');
    const halves = Math.max(second.bytes, third.bytes);
    expect(platform.requests.length).toBeGreaterThan(4);
    expect(platform.requests.slice(3).every((r) => r.bytes <= halves)).toBe(true);
    expect(platform.sent()).toHaveLength(16 + 8);
  });

  it('drops a single event ingest refuses as too large, and says so', async () => {
    const { client, platform, log, track } = setup({ flushAt: 100 });
    platform.script = [status(413)];
    track(1);
    await client.flush();
    expect(platform.requests).toHaveLength(1);
    expect(log.errors).toEqual([expect.stringContaining('refused by ingest: 413')]);
  });
});

describe('limits', () => {
  it('drops an event larger than maxEventBytes (less the 512 bytes ingest adds) with a warning', async () => {
    const { client, platform, log } = setup({ flushAt: 100, maxEventBytes: 2000 });
    client.track('Large', { pad: 'x'.repeat(1500) }, { userId: 'u1' });
    client.track('Small', { pad: 'x'.repeat(900) }, { userId: 'u1' });
    await client.flush();
    expect(platform.sent().map((m) => m.event)).toEqual(['Small']);
    expect(log.warnings).toEqual([expect.stringMatching(/dropped a track event "Large" of \d+ bytes/)]);
  });

  it('drops the oldest queued events when the queue is full, with one warning', async () => {
    const { client, platform, log, track } = setup({ flushAt: 100, maxQueueSize: 5 });
    track(8);
    await client.flush();
    expect(platform.sent().map((m) => m.properties?.i)).toEqual([3, 4, 5, 6, 7]);
    expect(log.warnings).toEqual([
      'Bindery: the queue is full (5 events): dropping the oldest queued events',
    ]);
  });

  it('drops the new event when every held event is in flight', async () => {
    const { client, platform, log, track } = setup({ flushAt: 2, maxQueueSize: 2 });
    platform.script = ['hang'];
    track(3);
    const closed = client.closeAndFlush({ timeout: 10 });
    await jest.advanceTimersByTimeAsync(10);
    await closed;
    expect(platform.sent().map((m) => m.properties?.i)).toEqual([0, 1]);
    expect(log.warnings[0]).toContain('the queue is full');
  });
});

describe('flush and closeAndFlush', () => {
  it('flush resolves once the events queued before it are delivered, retries included', async () => {
    const { client, platform, track } = setup({ flushAt: 100 });
    platform.script = [new Error('ECONNREFUSED'), ok()];
    track(2);
    let flushed = false;
    void client.flush().then(() => (flushed = true));
    await settle();
    expect(flushed).toBe(false);
    await jest.advanceTimersByTimeAsync(100);
    expect(flushed).toBe(true);
    expect(platform.requests).toHaveLength(2);
  });

  it('closeAndFlush stops at its timeout, reports what is left, and sends nothing after', async () => {
    const { client, platform, log, track } = setup({ flushAt: 100 });
    platform.script = Array.from({ length: 100 }, () => new Error('ECONNREFUSED'));
    track(2);
    const closed = client.closeAndFlush({ timeout: 500 });
    await jest.advanceTimersByTimeAsync(500);
    expect(await closed).toEqual({ pending: 2 });
    const requests = platform.requests.length;
    track(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(platform.requests).toHaveLength(requests);
    expect(log.warnings).toContain('Bindery: closed with 2 events undelivered');
    expect(log.warnings).toContain('Bindery: track() after closeAndFlush() is ignored');
  });

  it('closeAndFlush aborts a request still in flight at its timeout', async () => {
    const { client, platform, track } = setup({ flushAt: 1 });
    platform.script = ['hang'];
    track(1);
    const closed = client.closeAndFlush({ timeout: 100 });
    await jest.advanceTimersByTimeAsync(100);
    expect(await closed).toEqual({ pending: 1 });
  });
});

describe('persistence and the page lifecycle', () => {
  it('sends the events an earlier page left, at once', async () => {
    const platform = new FakePlatform();
    const left = [
      { type: 'track', event: 'Left', messageId: 'm-1', anonymousId: 'a', timestamp: 't', context: {} },
    ];
    platform.store = new MemoryStore(left.map((m) => JSON.stringify(m)));
    setup({ flushAt: 100 }, platform);
    await settle();
    expect(platform.sent()).toEqual(left);
  });

  it('mirrors the queue to the store after each burst of calls, until delivered', async () => {
    const platform = new FakePlatform();
    platform.store = new MemoryStore();
    const { client, track } = setup({ flushAt: 100 }, platform);
    track(3);
    expect(platform.store.saved).toHaveLength(0);
    await Promise.resolve();
    expect(platform.store.saved.map((json) => JSON.parse(json).properties.i)).toEqual([0, 1, 2]);
    await client.flush();
    expect(platform.store.saved).toEqual([]);
  });

  it('on hide sends at once with keepalive, beacons what the request cannot hold, and keeps all stored', async () => {
    const platform = new FakePlatform();
    platform.store = new MemoryStore();
    const { track } = setup({ flushAt: 1000, maxBatchBytes: 1000 }, platform);
    platform.script = ['hang'];
    track(6, { pad: 'p'.repeat(300) });
    platform.hooks!.hide(true);
    expect(platform.requests).toHaveLength(1);
    expect(platform.requests[0]?.keepalive).toBe(true);
    const inRequest = platform.requests[0]?.body.batch.length ?? 0;
    expect(platform.beacons[0]?.body.batch).toHaveLength(6 - inRequest);
    expect(platform.store.saved).toHaveLength(6);
    expect(platform.store.released).toBe(true);
    platform.hooks!.show();
    expect(platform.store.released).toBe(false);
  });

  it('waits while offline without spending retries, and sends when back online', async () => {
    const platform = new FakePlatform();
    platform.isOffline = true;
    const { client, track } = setup({ flushAt: 100, maxRetries: 1 }, platform);
    track(2);
    const flushed = client.flush();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(platform.requests).toHaveLength(0);
    platform.isOffline = false;
    platform.hooks!.online();
    await flushed;
    expect(platform.batches().map((b) => b.length)).toEqual([2]);
  });
});

describe('consent', () => {
  it('optOut forgets the queue and ignores calls until optIn', async () => {
    const platform = new FakePlatform();
    platform.store = new MemoryStore();
    const { client, track } = setup({ flushAt: 100 }, platform);
    track(2);
    client.optOut();
    track(1);
    await client.flush();
    expect(platform.requests).toHaveLength(0);
    expect(platform.store.saved).toEqual([]);
    expect(client.optedOut).toBe(true);
    client.optIn();
    track(1);
    await client.flush();
    expect(platform.sent()).toHaveLength(1);
  });
});
