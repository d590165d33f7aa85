import { type CreatedProject } from '@bindery/contracts';
import type * as BinderySdk from '@bindery/sdk';
import { idCounts, launchChromium, type TestApp, waitForEvents } from '@bindery/testing';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildBrowserBundle } from './browser-bundle';
import { FaultyProxy, type Route } from './faulty-proxy';
import { startIngestApp } from './ingest-app';

/** The page of a SaaS app: it loads the bundle and starts the SDK with the write key in its query string. */
const PAGE = `<!doctype html>
<html><head><title>Bindery SDK test page</title></head><body>
<script src="/bindery.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  window.client = Bindery.init({
    writeKey: q.get('writeKey'), host: '', flushAt: 100, flushInterval: 60000, minRetryDelay: 100, maxRetryDelay: 300,
  });
</script>
</body></html>`;

/** The page's globals: the bundle's `Bindery`, the client the page started, and localStorage. */
type PageGlobals = {
  Bindery: typeof BinderySdk;
  client: BinderySdk.BinderyClient;
  localStorage: { getItem(key: string): string | null };
};

/**
 * The browser bundle in headless Chromium, served with its page from the same origin as ingest (a reverse
 * proxy in front of the real ingest service, which can fail requests on cue).
 */
describe('@bindery/sdk (browser bundle) in headless Chromium', () => {
  let t: TestApp;
  let proxy: FaultyProxy;
  let browser: Browser;
  let context: BrowserContext;
  let project: CreatedProject;

  beforeAll(async () => {
    const { code } = buildBrowserBundle();
    const route: Route = (req, res) => {
      const path = req.url?.split('?')[0];
      if (path !== '/app' && path !== '/bindery.min.js') return false;
      res.writeHead(200, { 'content-type': path === '/app' ? 'text/html' : 'text/javascript' });
      res.end(path === '/app' ? PAGE : code);
      return true;
    };
    [t, browser] = await Promise.all([startIngestApp(), launchChromium()]);
    proxy = await FaultyProxy.start(t.url, route);
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await t?.close();
  });
  beforeEach(async () => {
    proxy.reset();
    project = await t.createProject();
    context = await browser.newContext();
  });
  afterEach(() => context.close());

  async function open(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${proxy.url}/app?writeKey=${project.writeKey}`);
    return page;
  }

  const queuedInStorage = (page: Page) =>
    page.evaluate(() => {
      const { localStorage } = globalThis as unknown as PageGlobals;
      return Object.keys(localStorage)
        .filter((key) => key.startsWith('bindery.queue.'))
        .map((key) => (JSON.parse(localStorage.getItem(key)!) as { e: unknown[] }).e.length)
        .reduce((a, b) => a + b, 0);
    });

  /** Each event arrived exactly once, under an id the SDK sent, with the first page's anonymous id and session. */
  async function expectEachOnce(expected: Record<string, number>, anonymousId: string) {
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    const events = await waitForEvents(t, project, total);
    expect(events).toHaveLength(total);
    expect([...idCounts(events).values()].every((n) => n === 1)).toBe(true);
    const counts: Record<string, number> = {};
    for (const e of events) counts[e.event] = (counts[e.event] ?? 0) + 1;
    expect(counts).toEqual(expected);
    expect(new Set(events.map((e) => e.anonymousId))).toEqual(new Set([anonymousId]));
    expect(new Set(events.map((e) => e.sessionId)).size).toBe(1);
    const seen = new Set(proxy.allIds());
    expect(events.every((e) => seen.has(e.id))).toBe(true);
    return events;
  }

  it('keeps queued events across a reload and delivers each once, with page context', async () => {
    const page = await open();
    const anonymousId = await page.evaluate(() => {
      const { Bindery, client } = globalThis as unknown as PageGlobals;
      Bindery.identify('user-7', { plan: 'pro' });
      Bindery.group('acct-7');
      for (let i = 0; i < 5; i++) Bindery.track('Before Reload', { i });
      Bindery.feature('export', 'started');
      return client.user()!.anonymousId;
    });
    expect(await queuedInStorage(page)).toBe(8); // nothing sent yet: flushAt 100, interval 60 s
    expect(proxy.seen).toHaveLength(0);

    await page.reload();
    await page.evaluate(async () => {
      const { Bindery } = globalThis as unknown as PageGlobals;
      for (let i = 0; i < 3; i++) Bindery.track('After Reload', { i });
      await Bindery.flush();
    });

    const events = await expectEachOnce(
      { $identify: 1, $group: 1, 'Before Reload': 5, 'Feature Used': 1, 'After Reload': 3 },
      anonymousId,
    );
    const after = events.find((e) => e.event === 'After Reload')!;
    expect(after).toMatchObject({ userId: 'user-7', accountId: 'acct-7', library: { name: '@bindery/sdk' } });
    expect(after.context).toMatchObject({
      page: { path: '/app', title: 'Bindery SDK test page' },
      locale: expect.any(String),
      timezone: expect.any(String),
      userAgent: expect.stringContaining('Chrome'),
      screen: { width: expect.any(Number), height: expect.any(Number) },
    });
    expect(events.find((e) => e.event === 'Feature Used')).toMatchObject({
      feature: 'export',
      properties: { feature: 'export', action: 'started' },
    });
    expect(await queuedInStorage(page)).toBe(0);
  });

  it('keeps events through failing requests and a reload, and the next page delivers each once', async () => {
    proxy.faults = Array.from({ length: 1000 }, () => ({ status: 503, retryAfter: '0' }));
    const page = await open();
    const anonymousId = await page.evaluate(() => {
      const { Bindery, client } = globalThis as unknown as PageGlobals;
      for (let i = 0; i < 4; i++) Bindery.track('During Outage', { i });
      void Bindery.flush();
      return client.user()!.anonymousId;
    });
    await page.waitForTimeout(500); // a few failed attempts
    await page.reload(); // the leaving page's keepalive request fails too
    const failed = proxy.seen.length;
    expect(failed).toBeGreaterThanOrEqual(2);
    proxy.faults = [];

    await expectEachOnce({ 'During Outage': 4 }, anonymousId);
    // Every attempt, before and after the reload, carried the same four ids.
    expect(new Set(proxy.seen.map((s) => [...s.ids].sort().join()))).toEqual(
      new Set([[...(proxy.seen[0]?.ids ?? [])].sort().join()]),
    );
  });

  it('waits while the browser is offline and sends once it is back online', async () => {
    const page = await open();
    await context.setOffline(true);
    const anonymousId = await page.evaluate(() => {
      const { Bindery, client } = globalThis as unknown as PageGlobals;
      for (let i = 0; i < 3; i++) Bindery.track('Offline', { i });
      void Bindery.flush();
      return client.user()!.anonymousId;
    });
    await page.waitForTimeout(300);
    expect(proxy.seen).toHaveLength(0);
    await context.setOffline(false);

    await expectEachOnce({ Offline: 3 }, anonymousId);
  });

  it('optOut() stops collection, clears the queue and is remembered across page loads', async () => {
    const page = await open();
    await page.evaluate(() => {
      const { Bindery } = globalThis as unknown as PageGlobals;
      Bindery.track('Before Opt-out');
      Bindery.optOut();
      Bindery.track('While Opted Out');
    });
    expect(await queuedInStorage(page)).toBe(0);
    await page.reload();
    const optedOut = await page.evaluate(async () => {
      const { Bindery, client } = globalThis as unknown as PageGlobals;
      Bindery.track('Still Opted Out');
      await Bindery.flush();
      return client.optedOut;
    });
    expect(optedOut).toBe(true);
    expect(proxy.seen).toHaveLength(0);
  });
});
