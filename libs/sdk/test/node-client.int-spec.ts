import { randomBytes } from 'node:crypto';
import { type CreatedProject } from '@bindery/contracts';
import { createClient, FEATURE_EVENT, VERSION, type BinderyOptions } from '@bindery/sdk';
import { idCounts, storedEvents, type TestApp } from '@bindery/testing';
import { FaultyProxy } from './faulty-proxy';
import { startIngestApp } from './ingest-app';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger() {
  const log = {
    warnings: [] as string[],
    errors: [] as string[],
    warn: (message: string) => void log.warnings.push(message),
    error: (message: string) => void log.errors.push(message),
  };
  return log;
}

/** The Node flavour against the real ingest service, through a proxy that fails requests on cue. */
describe('@bindery/sdk (Node) against the running ingest service', () => {
  let t: TestApp;
  let proxy: FaultyProxy;
  let project: CreatedProject;
  let log: ReturnType<typeof recordingLogger>;

  beforeAll(async () => {
    t = await startIngestApp();
    proxy = await FaultyProxy.start(t.url);
  });
  afterAll(async () => {
    await proxy.stop();
    await t.close();
  });
  beforeEach(async () => {
    proxy.reset();
    project = await t.createProject();
    log = recordingLogger();
  });

  const client = (options: Partial<BinderyOptions> = {}) =>
    createClient({
      writeKey: project.writeKey,
      host: proxy.url,
      minRetryDelay: 50,
      maxRetryDelay: 400,
      logger: log,
      ...options,
    });

  /** Each id the proxy saw is stored exactly once, and nothing else is. */
  async function expectEachStoredOnce(expected: number): Promise<void> {
    const events = await storedEvents(t, project);
    expect(events).toHaveLength(expected);
    expect([...idCounts(events).values()].every((n) => n === 1)).toBe(true);
    expect(new Set(proxy.allIds())).toEqual(new Set(events.map((e) => e.id)));
  }

  it('delivers every call type with the fields ingest reads', async () => {
    const c = client();
    const before = Date.now();
    c.identify('u1', { email: 'ann@example.com' });
    c.group('acme', { plan: 'pro' }, { userId: 'u1' });
    c.track('Report Exported', { format: 'csv' }, { userId: 'u1', groupId: 'acme' });
    c.feature('export', 'completed', { format: 'pdf' }, { userId: 'u1', groupId: 'acme' });
    c.page('Pricing', { path: '/pricing' }, { anonymousId: 'anon-1' });
    c.alias('u1', 'anon-1');
    expect(await c.closeAndFlush()).toEqual({ pending: 0 });
    expect([...log.warnings, ...log.errors]).toEqual([]);

    const events = await storedEvents(t, project);
    expect(events).toHaveLength(6);
    for (const e of events) {
      expect(e.id).toMatch(UUID_V7);
      expect(e.library).toEqual({ name: '@bindery/sdk', version: VERSION });
      expect(Date.parse(e.timestamp)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(e.timestamp)).toBeLessThanOrEqual(Date.now() + 1000);
    }
    const named = (event: string) => events.find((e) => e.event === event);
    expect(named('$identify')).toMatchObject({
      type: 'identify',
      userId: 'u1',
      traits: { email: 'ann@example.com' },
    });
    expect(named('$group')).toMatchObject({
      type: 'group',
      userId: 'u1',
      accountId: 'acme',
      traits: { plan: 'pro' },
    });
    expect(named('Report Exported')).toMatchObject({
      type: 'track',
      userId: 'u1',
      accountId: 'acme',
      feature: 'Report Exported',
      properties: { format: 'csv' },
    });
    expect(named(FEATURE_EVENT)).toMatchObject({
      type: 'track',
      accountId: 'acme',
      feature: 'export',
      properties: { feature: 'export', action: 'completed', format: 'pdf' },
    });
    expect(named('$page')).toMatchObject({
      type: 'page',
      userId: null,
      anonymousId: 'anon-1',
      properties: { name: 'Pricing', path: '/pricing' },
    });
    expect(named('$alias')).toMatchObject({
      type: 'alias',
      userId: 'u1',
      properties: { previousId: 'anon-1' },
    });
    expect(proxy.seen[0]?.headers['content-encoding']).toBe('gzip');
  });

  it('retries after 503 and 429, honouring Retry-After, and stores each event once', async () => {
    proxy.faults = [
      { status: 503, retryAfter: '1' },
      { status: 503, retryAfter: '0' },
      { status: 429, retryAfter: '0' },
    ];
    const c = client({ flushAt: 10 });
    for (let i = 0; i < 25; i++) c.track('Retried', { i }, { userId: 'u1' });
    // closeAndFlush waits for the retries: the events are stored when it resolves, as a serverless function needs.
    expect(await c.closeAndFlush({ timeout: 20_000 })).toEqual({ pending: 0 });

    expect(proxy.seen.map((s) => s.status)).toEqual([503, 503, 429, 200]);
    expect((proxy.seen[1]?.at ?? 0) - (proxy.seen[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(proxy.seen[1]?.ids.slice(0, 10)).toEqual(proxy.seen[0]?.ids); // the same events under the same ids
    expect(proxy.seen[3]?.ids).toEqual(proxy.seen[1]?.ids);
    await expectEachStoredOnce(25);
    expect(log.errors).toEqual([]);
  });

  it('retries after a dropped connection, even one dropped after ingest stored the batch, and stores each event once', async () => {
    proxy.faults = ['drop-before', 'drop-after'];
    const c = client({ flushAt: 8 });
    for (let i = 0; i < 8; i++) c.track('Dropped Connection', { i }, { userId: 'u1' });
    expect(await c.closeAndFlush({ timeout: 20_000 })).toEqual({ pending: 0 });

    expect(proxy.seen.map((s) => s.status)).toEqual([undefined, undefined, 200]);
    expect(new Set(proxy.seen.map((s) => s.ids.join()))).toEqual(new Set([proxy.seen[0]?.ids.join()]));
    await expectEachStoredOnce(8);
  });

  it('splits a batch that ingest answers 413 and resends the halves', async () => {
    // Ingest takes 500 KB per request once decompressed: 100 events of 8 KB sent as one gzip body are refused.
    const c = client({ maxBatchBytes: 2_000_000, flushAt: 1000 });
    for (let i = 0; i < 100; i++) {
      c.track('Large Report', { i, blob: randomBytes(4000).toString('hex') }, { userId: 'u1' });
    }
    expect(await c.closeAndFlush({ timeout: 20_000 })).toEqual({ pending: 0 });

    expect(proxy.seen.map((s) => [s.status, s.ids.length])).toEqual([
      [413, 100],
      [200, 50],
      [200, 50],
    ]);
    await expectEachStoredOnce(100);
  });

  it('drops an event larger than the ingest limit with a warning, and sends the others', async () => {
    const c = client();
    c.track('Too Large', { blob: 'x'.repeat(40_000) }, { userId: 'u1' });
    c.track('Small', {}, { userId: 'u1' });
    await c.closeAndFlush();

    expect(log.warnings).toEqual([expect.stringContaining('dropped a track event "Too Large"')]);
    expect((await storedEvents(t, project)).map((e) => e.event)).toEqual(['Small']);
  });

  it('keeps events while ingest is unreachable and delivers them once it is back', async () => {
    await proxy.stop();
    const c = client({ flushAt: 5, minRetryDelay: 100, maxRetryDelay: 300 });
    for (let i = 0; i < 12; i++) c.track('Offline', { i }, { userId: 'u1' });
    const flushed = c.flush();
    await sleep(800);
    await proxy.start();
    await flushed;
    await c.closeAndFlush();

    await expectEachStoredOnce(12);
    expect(log.errors).toEqual([]);
  });

  it('does not retry a request ingest refuses (401) and says so', async () => {
    const c = createClient({ writeKey: 'wk_not_a_key', host: proxy.url, logger: log, minRetryDelay: 50 });
    c.track('Refused', {}, { userId: 'u1' });
    expect(await c.closeAndFlush()).toEqual({ pending: 0 });

    expect(proxy.seen.map((s) => s.status)).toEqual([401]);
    expect(log.errors).toEqual([expect.stringContaining('dropped 1 events, refused by ingest: 401')]);
  });

  it('closeAndFlush gives up at its timeout, reports what is left, and sends nothing after', async () => {
    proxy.faults = Array.from({ length: 50 }, () => ({ status: 503, retryAfter: '0' }));
    const c = client({ minRetryDelay: 100 });
    for (let i = 0; i < 3; i++) c.track('Never Delivered', { i }, { userId: 'u1' });
    const started = Date.now();
    expect(await c.closeAndFlush({ timeout: 600 })).toEqual({ pending: 3 });
    expect(Date.now() - started).toBeLessThan(1500);
    const requests = proxy.seen.length;
    await sleep(500);
    expect(proxy.seen).toHaveLength(requests);
    expect(log.warnings).toEqual(['Bindery: closed with 3 events undelivered']);
  });
});
