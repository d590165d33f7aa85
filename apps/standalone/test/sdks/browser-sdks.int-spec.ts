import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type Page } from 'playwright-core';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { idCounts, nth, startTestApp, storedEvents, type TestApp, waitForEvents } from '@bindery/testing';
import { StandaloneModule } from '../../src/app.module';
import {
  BinderyProxy,
  type Exchange,
  launchBrowser,
  RequestWatch,
  sdkVersion,
  SitePages,
} from './browser-harness';

const USER = 'user-1';
const TRAITS = { email: 'zoë.山田@example.com', name: 'Zoë 山田 🦊', plan: 'pro' };
const ACCOUNT = 'acct-42';
const ACCOUNT_TRAITS = { name: 'Ācme 株式会社 🏢', seats: 42, tags: ['β', 'γ'] };
const EVENT = 'Report Exported 📊';
const PROPERTIES = {
  format: 'csv',
  title: 'Ünïcödé ✓ 日本語 עברית',
  emoji: '🚀👩‍💻🇫🇷',
  astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  escapes: 'a "quoted" \\ back\nslash\ttab',
  nested: { level: { deep: [1, 'x', true, 1.5, null], '键🔑': 'значение' }, empty: {} },
  list: [{ a: 1 }, { b: 'ß' }],
};
const PAGE = { category: 'Docs', name: 'Pricing', properties: { path: '/pricing', title: 'Prix — 価格 💶' } };
/** What each page hands to its SDK's calls (page.evaluate carries it into the browser). */
const SCENARIO = { USER, TRAITS, ACCOUNT, ACCOUNT_TRAITS, EVENT, PROPERTIES, PAGE };
type Scenario = typeof SCENARIO;

/** Stored times must be the SDK call's time (give or take the skew correction), not some other clock. */
const TIME_TOLERANCE_MS = 2_000;
/** How long a batching or beacon SDK is watched for sending early, before its page unloads. */
const HOLD_MS = 1_000;

/** The parts of analytics-next's AnalyticsBrowser the page uses. */
interface SegmentGlobals {
  analytics: {
    alias(to: string): Promise<unknown>;
    identify(userId: string, traits: object): Promise<unknown>;
    group(groupId: string, traits: object): Promise<unknown>;
    track(event: string, properties: object): Promise<unknown>;
    page(category: string, name: string, properties: object): Promise<unknown>;
    user(): Promise<{ anonymousId(): string | null }>;
  };
}

/** The parts of posthog-js the page uses. */
interface PostHogGlobals {
  posthog: {
    get_distinct_id(): string;
    identify(distinctId: string, set: object): void;
    group(type: string, key: string, properties: object): void;
    capture(event: string, properties: object): void;
    alias(alias: string): void;
  };
}

/** The parts of @rudderstack/analytics-js the page uses. */
interface RudderStackGlobals {
  rudderanalytics: {
    ready(callback: () => void): void;
    getAnonymousId(): string;
    identify(userId: string, traits: object): void;
    group(groupId: string, traits: object): void;
    track(event: string, properties: object): void;
    page(category: string, name: string, properties: object): void;
    alias(to: string): void;
  };
}

const html = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>A SaaS app</title></head><body>${body}</body></html>`;

/**
 * The stock browser SDKs, unchanged and with their default options, in headless Chromium on a SaaS page served
 * from another origin than Bindery's: every request needs Bindery's CORS, config answers and ingest paths.
 */
describe('stock browser SDKs against Bindery, cross-origin in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let site: SitePages;
  let bindery: BinderyProxy;

  beforeAll(async () => {
    [t, browser, site] = await Promise.all([
      startTestApp((config) => StandaloneModule.forRoot(config)),
      launchBrowser(),
      SitePages.start(),
    ]);
    bindery = await BinderyProxy.start(t.url);
  });
  afterAll(async () => {
    await browser?.close();
    await bindery?.close();
    await site?.close();
    await t?.close();
  });

  /** What one SDK's page did: its requests to Bindery and what went wrong with them. */
  interface Run<T> {
    project: CreatedProject;
    result: T;
    exchanges: Exchange[];
    problems: string[];
    events: StoredEvent[];
    startedAt: number;
    finishedAt: number;
  }

  /**
   * Opens `body` in a fresh browser context, runs `act` (the SDK calls), waits for `beforeUnload` events to be
   * stored, unloads the page by navigating away (beacons and unload flushes go then), and waits for `total`.
   * `holdsUntilUnload`: the SDK must send no event before the page unloads (batching and beacon transports).
   */
  async function run<T>(options: {
    body: (project: CreatedProject) => string;
    act: (page: Page) => Promise<T>;
    beforeUnload: number;
    total: number;
    holdsUntilUnload?: boolean;
  }): Promise<Run<T>> {
    const project = await t.createProject();
    const context = await browser.newContext();
    const watch = new RequestWatch(context, bindery.url, site.url);
    const mark = bindery.exchanges.length;
    const startedAt = Date.now();
    try {
      const page = await context.newPage();
      await page.goto(site.page(`/app-${project.id}`, html(options.body(project))));
      const result = await options.act(page);
      if (options.holdsUntilUnload) {
        await sleep(HOLD_MS);
        expect(bindery.since(mark).flatMap((e) => e.ids)).toEqual([]);
        expect(await storedEvents(t, project)).toEqual([]);
      } else {
        await waitForEvents(t, project, options.beforeUnload);
      }
      await watch.settled();
      await page.goto(site.elsewhere);
      await waitForEvents(t, project, options.total);
      // A moment for anything sent twice, or late, to show.
      await sleep(300);
      return {
        project,
        result,
        exchanges: bindery.since(mark),
        problems: watch.problems,
        events: await storedEvents(t, project),
        startedAt,
        finishedAt: Date.now(),
      };
    } finally {
      await context.close();
    }
  }

  /**
   * Nothing failed, and each event the SDK sent is stored exactly once, at the time it was made: Bindery
   * deduplicates an id sent twice, so the count by id (not the number of rows) is what is checked.
   */
  function expectDeliveredOnce(r: Run<unknown>, total: number): void {
    expect(r.problems).toEqual([]);
    expect(
      r.exchanges.filter((e) => e.status >= 400).map((e) => `${e.method} ${e.path}: ${e.status}`),
    ).toEqual([]);
    expect([...idCounts(r.events)].filter(([, n]) => n !== 1)).toEqual([]);
    expect(r.events).toHaveLength(total);
    const sent = new Set(r.exchanges.flatMap((e) => e.ids));
    expect(new Set(r.events.map((e) => e.id))).toEqual(sent);
    for (const e of r.events) {
      const at = Date.parse(e.timestamp);
      expect(at).toBeGreaterThanOrEqual(r.startedAt - TIME_TOLERANCE_MS);
      expect(at).toBeLessThanOrEqual(r.finishedAt + TIME_TOLERANCE_MS);
    }
  }

  /** The one stored event named `name`. */
  function one(r: Run<unknown>, name: string): StoredEvent {
    const found = r.events.filter((e) => e.event === name);
    expect(found.map((e) => e.event)).toEqual([name]);
    return nth(found, 0);
  }

  describe('@segment/analytics-next', () => {
    const version = sdkVersion('@segment/analytics-next');

    it.each([
      ['default (one request per call)', {}, false],
      // Held until the page unloads, then sent to /v1/b with keepalive.
      [
        'batching',
        {
          integrations: {
            'Segment.io': {
              deliveryStrategy: { strategy: 'batching', config: { size: 100, timeout: 60_000 } },
            },
          },
        },
        true,
      ],
    ])(
      `${version}, %s dispatcher: settings from Bindery, every call stored once`,
      async (_, options, held) => {
        const r = await run({
          body: (project) =>
            `${site.script('segment')}<script>
            window.analytics = AnalyticsNext.AnalyticsBrowser.load(
              ${JSON.stringify({ writeKey: project.writeKey, cdnURL: bindery.url })}, ${JSON.stringify(options)});
          </script>`,
          act: (page) =>
            page.evaluate(async (s: Scenario) => {
              const { analytics } = globalThis as unknown as SegmentGlobals;
              // alias before identify: 1.84.3 stamps every event, aliases too, with the identified user's id.
              await analytics.alias(s.USER);
              await analytics.identify(s.USER, s.TRAITS);
              await analytics.group(s.ACCOUNT, s.ACCOUNT_TRAITS);
              await analytics.track(s.EVENT, s.PROPERTIES);
              await analytics.page(s.PAGE.category, s.PAGE.name, s.PAGE.properties);
              return (await analytics.user()).anonymousId();
            }, SCENARIO),
          beforeUnload: 5,
          total: 5,
          holdsUntilUnload: held,
        });
        expectDeliveredOnce(r, 5);
        const anonymousId = r.result;
        expect(anonymousId).toEqual(expect.any(String));
        const paths = new Set(r.exchanges.filter((e) => e.method === 'POST').map((e) => e.path));
        expect(paths).toEqual(new Set(held ? ['/v1/b'] : ['/v1/a', '/v1/i', '/v1/g', '/v1/t', '/v1/p']));
        for (const e of r.events) {
          expect(e).toMatchObject({
            userId: USER,
            anonymousId,
            source: 'segment',
            library: { name: 'analytics.js', version: `next-${version}` },
          });
        }
        expect(one(r, '$alias')).toMatchObject({ type: 'alias', properties: { previousId: anonymousId } });
        expect(one(r, '$identify')).toMatchObject({ type: 'identify', traits: TRAITS });
        expect(one(r, '$group')).toMatchObject({ type: 'group', accountId: ACCOUNT, traits: ACCOUNT_TRAITS });
        const track = one(r, EVENT);
        expect(track.type).toBe('track');
        expect(track.properties).toEqual(PROPERTIES);
        expect(one(r, '$page')).toMatchObject({
          type: 'page',
          properties: { ...PAGE.properties, name: PAGE.name, category: PAGE.category },
        });
      },
    );
  });

  describe('posthog-js', () => {
    const version = sdkVersion('posthog-js');
    const ALIAS = 'user-1-alias';

    it(`${version} with its defaults: remote config and flags from Bindery, the $pageleave beacon on unload`, async () => {
      const r = await run({
        body: (project) =>
          `${site.script('posthog')}<script>
            posthog.init(${JSON.stringify(project.writeKey)}, { api_host: ${JSON.stringify(bindery.url)} });
          </script>`,
        act: (page) =>
          page.evaluate(
            ([s, alias]) => {
              const { posthog } = globalThis as unknown as PostHogGlobals;
              const anonymous = posthog.get_distinct_id();
              posthog.identify(s.USER, s.TRAITS);
              posthog.group('company', s.ACCOUNT, s.ACCOUNT_TRAITS);
              posthog.capture(s.EVENT, s.PROPERTIES);
              posthog.alias(alias);
              return anonymous;
            },
            [SCENARIO, ALIAS] as const,
          ),
        // The automatic $pageview, then the calls; $pageleave goes by beacon as the page unloads.
        beforeUnload: 5,
        total: 6,
      });
      expectDeliveredOnce(r, 6);
      const deviceId = r.result;
      const paths = new Set(r.exchanges.map((e) => `${e.method} ${e.path.split('?')[0]}`));
      expect(paths).toContain(`GET /array/${r.project.writeKey}/config.js`);
      expect(paths).toContain('POST /e/');
      // The beacon: the browser sends it without CORS, so only its arrival shows it worked.
      expect(r.exchanges.some((e) => e.mode === 'no-cors' && e.ids.length > 0)).toBe(true);
      for (const e of r.events) {
        expect(e).toMatchObject({ source: 'posthog', library: { name: 'web', version } });
      }
      expect(one(r, '$pageview')).toMatchObject({ type: 'page', userId: null, anonymousId: deviceId });
      expect(one(r, '$identify')).toMatchObject({
        type: 'identify',
        userId: USER,
        anonymousId: deviceId,
        traits: TRAITS,
      });
      expect(one(r, '$groupidentify')).toMatchObject({
        type: 'group',
        accountId: ACCOUNT,
        traits: ACCOUNT_TRAITS,
      });
      const track = one(r, EVENT);
      expect(track).toMatchObject({ type: 'track', userId: USER, accountId: ACCOUNT });
      // posthog-js adds its own $-prefixed properties beside the caller's.
      expect(track.properties).toMatchObject(PROPERTIES);
      expect(one(r, '$create_alias')).toMatchObject({
        type: 'alias',
        userId: USER,
        properties: { previousId: ALIAS },
      });
      expect(one(r, '$pageleave')).toMatchObject({ type: 'track', userId: USER, accountId: ACCOUNT });
    });
  });

  describe('@rudderstack/analytics-js', () => {
    const version = sdkVersion('@rudderstack/analytics-js');
    const NEW_USER = 'user-2';

    it.each([
      ['XHR (the default)', false],
      ['beacon', true],
    ])(
      `${version} (bundled build), %s transport: source config from Bindery, every call stored once`,
      async (_, useBeacon) => {
        const r = await run({
          body: (project) =>
            `${site.script('rudderstack')}<script>
            new rudderanalytics.RudderAnalytics().load(${JSON.stringify(project.writeKey)}, ${JSON.stringify(bindery.url)},
              ${JSON.stringify({ configUrl: bindery.url, ...(useBeacon ? { useBeacon } : {}) })});
          </script>`,
          act: (page) =>
            page.evaluate(
              async ([s, newUser]) => {
                const { rudderanalytics } = globalThis as unknown as RudderStackGlobals;
                await new Promise<void>((resolve) => rudderanalytics.ready(resolve));
                rudderanalytics.identify(s.USER, s.TRAITS);
                rudderanalytics.group(s.ACCOUNT, s.ACCOUNT_TRAITS);
                rudderanalytics.track(s.EVENT, s.PROPERTIES);
                rudderanalytics.page(s.PAGE.category, s.PAGE.name, s.PAGE.properties);
                rudderanalytics.alias(newUser);
                return rudderanalytics.getAnonymousId();
              },
              [SCENARIO, NEW_USER] as const,
            ),
          beforeUnload: 5,
          total: 5,
          holdsUntilUnload: useBeacon,
        });
        expectDeliveredOnce(r, 5);
        const anonymousId = r.result;
        const posts = new Set(r.exchanges.filter((e) => e.method === 'POST').map((e) => e.path));
        expect(posts).toEqual(
          new Set(
            useBeacon
              ? [`/beacon/v1/batch?writeKey=${r.project.writeKey}`]
              : ['/v1/identify', '/v1/group', '/v1/track', '/v1/page', '/v1/alias'],
          ),
        );
        for (const e of r.events) {
          expect(e).toMatchObject({
            anonymousId,
            source: 'segment',
            library: { name: 'RudderLabs JavaScript SDK', version },
          });
        }
        // identify sends the traits in context.traits, not beside userId as Segment does.
        expect(one(r, '$identify')).toMatchObject({ type: 'identify', userId: USER, traits: TRAITS });
        expect(one(r, '$group')).toMatchObject({
          type: 'group',
          userId: USER,
          accountId: ACCOUNT,
          traits: ACCOUNT_TRAITS,
        });
        const track = one(r, EVENT);
        expect(track).toMatchObject({ type: 'track', userId: USER });
        expect(track.properties).toEqual(PROPERTIES);
        expect(one(r, '$page')).toMatchObject({
          type: 'page',
          userId: USER,
          properties: { ...PAGE.properties, name: PAGE.name, category: PAGE.category },
        });
        expect(one(r, '$alias')).toMatchObject({
          type: 'alias',
          userId: NEW_USER,
          properties: { previousId: USER },
        });
      },
    );
  });
});
