import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import { Analytics as SegmentAnalytics, type Context } from '@segment/analytics-node';
import { PostHog } from 'posthog-node';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { getJson, nth, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../../src/app.module';

const USER = 'user-1 👤';
const ACCOUNT = 'acct-1 🏢';
const FLUSH_AT = 10;
/** Three full batches and a part one, so that every SDK sends several requests. */
const PROMPT_TRACKS = 3 * FLUSH_AT + 2;
/** Fewer than FLUSH_AT, so the SDK holds them until the delayed flush. */
const LATE_TRACKS = 3;
/** Long enough that an event stored at its arrival time rather than its call time shows. */
const FLUSH_DELAY_MS = 3_000;
const TIME_TOLERANCE_MS = 1_000;
const SEMVER = /^\d+\.\d+\.\d+/;

const TRAITS = { email: 'zoë.山田@example.com', name: 'Zoë 山田 🦊', plan: 'enterprise' };
const ACCOUNT_TRAITS = { name: 'Ācme 株式会社 🏢', seats: 42, tags: ['β', 'γ'] };
const PAGE_PROPERTIES = { path: '/home', title: 'Accueil — ホーム 🏠' };
const EVENT_NAMES = ['Report Viewed 📊', 'Gráfico creado ✨'] as const;

function trackProperties(i: number, late: boolean) {
  return {
    i,
    late,
    title: `Ünïcödé ✓ 日本語 עברית #${i}`,
    emoji: '🚀👩‍💻🇫🇷',
    astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    escapes: 'a "quoted" \\ back\nslash\ttab',
    nested: { level: { deep: [i, 'x', true, 1.5, null], '键🔑': 'значение' }, empty: {} },
    list: [{ a: 1 }, { b: 'ß' }],
  };
}
type TrackProperties = ReturnType<typeof trackProperties>;

/** One SDK call of the scenario; user and account are always USER and ACCOUNT. */
type Call =
  | { kind: 'identify'; traits: typeof TRAITS }
  | { kind: 'group'; traits: typeof ACCOUNT_TRAITS }
  | { kind: 'track'; event: string; properties: TrackProperties }
  | { kind: 'page'; name: string; properties: typeof PAGE_PROPERTIES }
  | { kind: 'alias'; previousId: string };

/** What the SDK says about its own events: the id and time it gave each delivered one, and its failures. */
class Report {
  readonly delivered = new Map<string, number>();
  /** Each distinct failure and how many times the SDK reported it (once per event, and per batch). */
  readonly errors = new Map<string, number>();
  deliver(id: string | undefined, time: Date | string | undefined): void {
    if (id !== undefined && time !== undefined) this.delivered.set(id, new Date(time).getTime());
  }
  fail(error: unknown): void {
    const message = describeError(error);
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }
}

function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  // Segment wraps the cause in { code, reason }; axios (RudderStack) keeps the answer in `response`.
  if ('reason' in error) return describeError(error.reason);
  const response = (error as { response?: { status?: number; data?: unknown } }).response;
  if (response?.status !== undefined) return `HTTP ${response.status} ${JSON.stringify(response.data)}`;
  return error instanceof Error ? error.message : String(error);
}

interface Client {
  send(call: Call): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Sdk {
  name: string;
  library: string;
  source: StoredEvent['source'];
  /** Every request the SDK makes, as `method path content-type content-encoding auth-scheme status`. */
  wire: string;
  start(project: CreatedProject, host: string, report: Report): Client;
}

const segment: Sdk = {
  name: '@segment/analytics-node (JSON; it has no gzip option)',
  library: '@segment/analytics-node',
  source: 'segment',
  wire: 'POST /v1/batch application/json identity Basic 2xx',
  start(project, host, report) {
    const analytics = new SegmentAnalytics({ writeKey: project.writeKey, host, flushAt: FLUSH_AT });
    analytics.on('error', (e) => report.fail(e));
    const done = (err?: unknown, ctx?: Context) =>
      err ? report.fail(err) : report.deliver(ctx?.event.messageId, ctx?.event.timestamp);
    const context = { groupId: ACCOUNT };
    return {
      send(call) {
        if (call.kind === 'identify') analytics.identify({ userId: USER, traits: call.traits }, done);
        if (call.kind === 'group')
          analytics.group({ userId: USER, groupId: ACCOUNT, traits: call.traits }, done);
        if (call.kind === 'track')
          analytics.track({ userId: USER, event: call.event, properties: call.properties, context }, done);
        if (call.kind === 'page')
          analytics.page({ userId: USER, name: call.name, properties: call.properties }, done);
        if (call.kind === 'alias') analytics.alias({ userId: USER, previousId: call.previousId }, done);
      },
      flush: () => analytics.flush(),
      close: () => analytics.closeAndFlush({ timeout: 20_000 }),
    };
  },
};

const posthog = (gzip: boolean): Sdk => ({
  name: `posthog-node (gzip ${gzip ? 'on, its default' : 'off'})`,
  library: 'posthog-node',
  source: 'posthog',
  wire: `POST /batch/ application/json ${gzip ? 'gzip' : 'identity'} none 2xx`,
  start(project, host, report) {
    // flushInterval 0: no timer, so the late events wait for shutdown.
    const client = new PostHog(project.writeKey, {
      host,
      flushAt: FLUSH_AT,
      maxBatchSize: FLUSH_AT,
      flushInterval: 0,
      disableCompression: !gzip,
    });
    client.on('error', (e) => report.fail(e));
    client.on('flush', (sent: { uuid: string; timestamp: string }[]) =>
      sent.forEach((m) => report.deliver(m.uuid, m.timestamp)),
    );
    return {
      send(call) {
        const distinctId = USER;
        if (call.kind === 'identify') client.identify({ distinctId, properties: call.traits });
        if (call.kind === 'group')
          client.groupIdentify({ groupType: 'company', groupKey: ACCOUNT, properties: call.traits });
        if (call.kind === 'track')
          client.capture({
            distinctId,
            event: call.event,
            properties: call.properties,
            groups: { company: ACCOUNT },
          });
        if (call.kind === 'page')
          client.capture({ distinctId, event: '$pageview', properties: call.properties });
        if (call.kind === 'alias') client.alias({ distinctId, alias: call.previousId });
      },
      flush: () => client.flush(),
      close: () => client.shutdown(20_000),
    };
  },
});

const rudder = (gzip: boolean): Sdk => ({
  name: `@rudderstack/rudder-sdk-node (gzip ${gzip ? 'on, its default' : 'off'})`,
  library: 'analytics-node',
  source: 'segment',
  // axios labels the gzipped JSON as a form: the server has to read the body, not the label.
  wire: gzip
    ? 'POST /v1/batch application/x-www-form-urlencoded gzip Basic 2xx'
    : 'POST /v1/batch application/json identity Basic 2xx',
  start(project, host, report) {
    let assigned: { id: string; time: Date | string } | undefined;
    const client = new RudderAnalytics(project.writeKey, {
      host,
      flushAt: FLUSH_AT,
      gzip,
      logLevel: 'error',
      errorHandler: (e) => report.fail(e),
      // The one place the SDK shows the id and time (originalTimestamp) it gives an event; returned unchanged.
      beforeEnqueue: (event) => {
        assigned = { id: event.messageId, time: event.originalTimestamp };
        return event;
      },
    });
    const context = { groupId: ACCOUNT };
    return {
      send(call) {
        const event: { id?: string; time?: Date | string } = {};
        // Callbacks run on a later tick, by when `event` holds what beforeEnqueue saw for this call.
        const done = (err?: unknown) => (err ? report.fail(err) : report.deliver(event.id, event.time));
        if (call.kind === 'identify') client.identify({ userId: USER, traits: call.traits }, done);
        if (call.kind === 'group')
          client.group({ userId: USER, groupId: ACCOUNT, traits: call.traits }, done);
        if (call.kind === 'track')
          client.track({ userId: USER, event: call.event, properties: call.properties, context }, done);
        if (call.kind === 'page')
          client.page({ userId: USER, name: call.name, properties: call.properties }, done);
        if (call.kind === 'alias') client.alias({ userId: USER, previousId: call.previousId }, done);
        Object.assign(event, assigned);
      },
      flush: () => client.flush(),
      close: () => client.flush(),
    };
  },
});

type Row = Pick<StoredEvent, 'type' | 'event' | 'userId' | 'accountId' | 'library' | 'source'> & {
  key: string;
  properties: unknown;
  traits: unknown;
};

/** Matches a stored event to the call that made it. */
const keyOf = (type: string, properties: Record<string, unknown>) => `${type}:${String(properties.i ?? '')}`;

/** The event Bindery should store for a call: Segment spec for Segment and RudderStack, PostHog's own names for PostHog. */
function expectedRow(sdk: Sdk, call: Call): Row {
  const ph = sdk.source === 'posthog';
  const base = {
    userId: USER,
    accountId: null,
    properties: {},
    traits: {},
    library: { name: sdk.library, version: expect.stringMatching(SEMVER) as string },
    source: sdk.source,
  };
  switch (call.kind) {
    case 'identify':
      return {
        ...base,
        key: 'identify:',
        type: 'identify',
        event: '$identify',
        traits: call.traits,
        // PostHog's identify carries $set and the SDK's own properties.
        properties: ph ? expect.any(Object) : {},
      };
    case 'group':
      return {
        ...base,
        key: 'group:',
        type: 'group',
        event: ph ? '$groupidentify' : '$group',
        userId: ph ? null : USER,
        accountId: ACCOUNT,
        traits: call.traits,
        properties: ph ? { $group_type: 'company' } : {},
      };
    case 'track':
      return {
        ...base,
        key: keyOf('track', call.properties),
        type: 'track',
        event: call.event,
        accountId: ACCOUNT,
        properties: ph
          ? expect.objectContaining({ ...call.properties, $groups: { company: ACCOUNT } })
          : call.properties,
      };
    case 'page':
      return {
        ...base,
        key: 'page:',
        type: 'page',
        event: ph ? '$pageview' : '$page',
        properties: ph ? expect.objectContaining(call.properties) : { ...call.properties, name: call.name },
      };
    case 'alias':
      return {
        ...base,
        key: 'alias:',
        type: 'alias',
        event: ph ? '$create_alias' : '$alias',
        properties: { previousId: call.previousId },
      };
  }
}

/** Notes every request the app answers, as it arrived: the SDK's own path and headers, and the status. */
class Wire {
  private lines: string[] | undefined;
  constructor(server: Server) {
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const lines = this.lines;
      if (!lines) return;
      const h = req.headers;
      const auth = h.authorization?.split(' ')[0] ?? 'none';
      res.on('finish', () => {
        const status = res.statusCode < 300 ? '2xx' : String(res.statusCode);
        lines.push(
          `${req.method} ${req.url} ${h['content-type']} ${h['content-encoding'] ?? 'identity'} ${auth} ${status}`,
        );
      });
    });
  }
  start(): void {
    this.lines = [];
  }
  stop(): string[] {
    const lines = this.lines ?? [];
    this.lines = undefined;
    return lines;
  }
}

/**
 * The stock Node SDKs, unchanged but for Bindery's URL as their host, deliver every call exactly once, with its
 * names, ids, properties and time, gzip on and off.
 */
describe('stock Node SDKs against the running app', () => {
  let t: TestApp;
  let wire: Wire;
  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config));
    wire = new Wire(t.app.getHttpServer() as Server);
  });
  afterAll(() => t.close());

  async function stored(p: CreatedProject): Promise<StoredEvent[]> {
    const res = await getJson<{ events: StoredEvent[]; nextCursor: string | null }>(
      `${t.url}/v1/projects/${p.id}/events?limit=1000`,
      p.secretKey,
    );
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.events;
  }

  it.each([segment, posthog(true), posthog(false), rudder(true), rudder(false)])('$name', async (sdk) => {
    const p = await t.createProject(sdk.library);
    const report = new Report();
    const calls: Call[] = [];
    const startedAt = Date.now();
    wire.start();
    const client = sdk.start(p, t.url, report);
    const send = (call: Call) => {
      calls.push(call);
      client.send(call);
    };

    send({ kind: 'identify', traits: TRAITS });
    send({ kind: 'group', traits: ACCOUNT_TRAITS });
    for (let i = 0; i < PROMPT_TRACKS; i++) {
      send({ kind: 'track', event: nth(EVENT_NAMES, i % 2), properties: trackProperties(i, false) });
    }
    send({ kind: 'page', name: 'Home 🏠', properties: PAGE_PROPERTIES });
    send({ kind: 'alias', previousId: 'anon-1 🕶️' });
    await client.flush();
    for (let i = PROMPT_TRACKS; i < PROMPT_TRACKS + LATE_TRACKS; i++) {
      send({ kind: 'track', event: nth(EVENT_NAMES, i % 2), properties: trackProperties(i, true) });
    }
    await sleep(FLUSH_DELAY_MS);
    await client.close();
    const requests = wire.stop();

    // First what the SDK saw, so that a refused request fails with the server's answer.
    expect([...report.errors]).toEqual([]);
    expect(new Set(requests)).toEqual(new Set([sdk.wire]));
    expect(requests.length).toBeGreaterThanOrEqual(4);

    const events = await stored(p);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(
      events
        .map((e): Row => ({
          key: keyOf(e.type, e.properties),
          type: e.type,
          event: e.event,
          userId: e.userId,
          accountId: e.accountId,
          properties: e.properties,
          traits: e.traits,
          library: e.library,
          source: e.source,
        }))
        .sort(byKey),
    ).toEqual(calls.map((c) => expectedRow(sdk, c)).sort(byKey));

    // Each event once, under the id the SDK gave it: a retried batch cannot double it.
    expect(events.map((e) => e.id).sort()).toEqual([...report.delivered.keys()].sort());

    // Stored at the time of the call, not of the flush: the late events waited FLUSH_DELAY_MS in the SDK.
    const finishedAt = Date.now();
    const times = events.map((e) => {
      const calledAt = report.delivered.get(e.id) ?? NaN;
      return {
        key: keyOf(e.type, e.properties),
        late: e.properties.late === true,
        calledAt,
        offByMs: Date.parse(e.timestamp) - calledAt,
        waitedMs: Date.parse(e.receivedAt) - calledAt,
      };
    });
    expect(times.filter((x) => !(x.calledAt >= startedAt - 1_000 && x.calledAt <= finishedAt))).toEqual([]);
    expect(times.filter((x) => !(Math.abs(x.offByMs) <= TIME_TOLERANCE_MS))).toEqual([]);
    const late = times.filter((x) => x.late);
    expect(late).toHaveLength(LATE_TRACKS);
    expect(late.filter((x) => !(x.waitedMs >= FLUSH_DELAY_MS - TIME_TOLERANCE_MS))).toEqual([]);
  });
});
