import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type ActivityQuery,
  type CreatedProject,
  type EventRow,
  type FunnelQuery,
  type FunnelResult,
  type RetentionQuery,
  type RetentionResult,
} from '@bindery/contracts';
import {
  bearer,
  type FeatureInput,
  generateEvents,
  postJson,
  referenceActivity,
  referenceFeatures,
  referenceFunnel,
  referenceRetention,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Monday 2 March 2026: New York moves its clocks forward on Sunday 8 March, inside the data. */
const START = Date.UTC(2026, 2, 2);
const ZONE = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reports count the days of the project's time zone (its `timeZone` setting): funnel conversion over time,
 * active users, retention with its curve and feature adoption against the brute-force reference in the same
 * zone, across a change of the clocks; and a project that sets none counts UTC days.
 */
describe('reports in the project’s time zone against the brute-force reference', () => {
  let t: TestApp;
  let zoned: CreatedProject;
  let utc: CreatedProject;
  let events: EventRow[];
  let utcEvents: EventRow[];

  const settings = (project: CreatedProject, timeZone: unknown) =>
    fetch(`${t.url}/v1/projects/${project.id}/settings`, {
      method: 'PUT',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({
        healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
        keyFeatures: [],
        timeZone,
      }),
    });

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    zoned = await t.createProject('analytics-time-zone');
    utc = await t.createProject('analytics-time-zone-utc');
    events = generateEvents({ seed: 22, projectId: zoned.id, start: START, days: 21 });
    utcEvents = generateEvents({ seed: 23, projectId: utc.id, start: START, days: 21 });
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    const rows = [...events, ...utcEvents];
    for (let i = 0; i < rows.length; i += 1000) {
      await client.insert({ table: 'events', values: rows.slice(i, i + 1000), format: 'JSONEachRow' });
    }
    expect((await settings(zoned, ZONE)).status).toBe(200);
  }, 300_000);
  afterAll(() => t.close());

  const post = async <T>(project: CreatedProject, path: string, body: unknown) => {
    const res = await postJson<T>(`${t.url}/v1/projects/${project.id}/${path}`, body, {
      authorization: bearer(project.secretKey),
    });
    expect(res.status).toBe(200);
    return res.body;
  };

  const names = (): [string, string, string, string] => {
    const [a, b, c, d] = [...new Set(events.filter((e) => e.type === 'track').map((e) => e.event))].sort();
    if (!a || !b || !c || !d) throw new Error('the generated events have fewer than 4 names');
    return [a, b, c, d];
  };

  describe('the setting', () => {
    it('stores an IANA zone in its canonical spelling and refuses anything else', async () => {
      const other = await t.createProject('analytics-time-zone-setting');
      expect((await settings(other, 'europe/berlin')).status).toBe(200);
      const stored = await fetch(`${t.url}/v1/projects/${other.id}/settings`, {
        headers: { authorization: bearer(other.secretKey) },
      });
      expect(((await stored.json()) as { timeZone: string }).timeZone).toBe('Europe/Berlin');

      for (const bad of ['Mars/Olympus_Mons', '+01:00', 'UTC; DROP TABLE events', '']) {
        const res = await settings(other, bad);
        expect([bad, res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
          bad,
          400,
          'invalid_input',
        ]);
      }
    });
  });

  describe('funnel conversion over time', () => {
    const base = (): FunnelQuery => {
      const [a, b, c] = names();
      return {
        steps: [{ event: a }, { event: b }, { event: c }],
        windowSeconds: (6 * HOUR) / 1000,
        order: 'ordered',
        aggregateBy: 'user',
        // Local midnights in New York: 05:00 UTC before the change, 04:00 after it.
        from: iso(START + 2 * DAY + 5 * HOUR),
        to: iso(START + 16 * DAY + 4 * HOUR),
      };
    };
    const cases: [string, () => FunnelQuery][] = [
      ['daily', () => ({ ...base(), trend: 'day' })],
      ['weekly', () => ({ ...base(), trend: 'week' })],
      [
        'daily, unordered, by account',
        () => ({ ...base(), trend: 'day', order: 'unordered', aggregateBy: 'account' }),
      ],
      [
        'weekly, strict, a range of part days',
        () => ({ ...base(), trend: 'week', order: 'strict', from: iso(START + DAY + 13 * HOUR) }),
      ],
      [
        'daily, with a breakdown',
        () => ({ ...base(), trend: 'day', breakdown: { property: 'plan', limit: 25 } }),
      ],
    ];

    it.each(cases)('%s, in the project’s zone', async (_name, make) => {
      const q = make();
      const result = await post<FunnelResult>(zoned, 'funnels/query', q);

      expect(result).toEqual(referenceFunnel(events, zoned.id, q, ZONE));
      const trend = result.trend ?? [];
      expect(trend.reduce((sum, p) => sum + p.entered, 0)).toBe(result.steps[0]?.count);
      expect(trend.reduce((sum, p) => sum + p.converted, 0)).toBe(result.steps.at(-1)?.count);
      expect(trend.some((p) => p.converted > 0)).toBe(true);
    });

    it('counts UTC days for a project that sets no zone', async () => {
      const q: FunnelQuery = { ...base(), trend: 'day' };
      const result = await post<FunnelResult>(utc, 'funnels/query', q);

      expect(result).toEqual(referenceFunnel(utcEvents, utc.id, q));
      expect(result.trend?.[0]?.start).toBe(iso(START + 2 * DAY).slice(0, 10));
    });
  });

  describe('active users', () => {
    it.each([
      ['the project', {}],
      ['one account', { accountId: 'acct-01' }],
    ])('for %s, by local day', async (_name, extra) => {
      const q: ActivityQuery = {
        from: iso(START + 3 * DAY + 5 * HOUR),
        to: iso(START + 20 * DAY + 4 * HOUR),
        ...extra,
      };
      const result = await post<unknown>(zoned, 'activity/query', q);

      expect(result).toEqual(referenceActivity(events, zoned.id, q, ZONE));
      // Local days: the range's first is its own New York date.
      expect((result as { series: { day: string }[] }).series[0]?.day).toBe(
        iso(START + 3 * DAY).slice(0, 10),
      );
    });
  });

  describe('retention', () => {
    const cases: [string, () => RetentionQuery][] = [
      [
        'weekly',
        () => ({
          startEvent: names()[0],
          returnEvent: names()[1],
          period: 'week',
          periods: 3,
          aggregateBy: 'user',
          from: iso(START + 5 * HOUR),
          to: iso(START + 20 * DAY + 4 * HOUR),
        }),
      ],
      [
        'daily by account',
        () => ({
          startEvent: names()[1],
          returnEvent: names()[0],
          period: 'day',
          periods: 8,
          aggregateBy: 'account',
          from: iso(START - DAY + 5 * HOUR),
          to: iso(START + 12 * DAY + 9 * HOUR),
        }),
      ],
    ];

    it.each(cases)('%s, with its curve from period 0', async (_name, make) => {
      const q = make();
      const result = await post<RetentionResult>(zoned, 'retention/query', q);

      expect(result).toEqual(referenceRetention(events, zoned.id, q, ZONE));
      const total = result.cohorts.reduce((sum, c) => sum + c.size, 0);
      expect(total).toBeGreaterThan(0);
      expect(result.curve[0]).toEqual({ period: 0, subjects: total, returned: total, rate: 1 });
      expect(result.curve).toHaveLength(q.periods + 1);
    });
  });

  describe('feature adoption', () => {
    it.each([
      ['by user', { aggregateBy: 'user' as const, abandonDays: 3, weekly: true }],
      ['by account', { aggregateBy: 'account' as const, abandonDays: 1 }],
    ])('%s, by local day', async (_name, extra) => {
      const q: FeatureInput = {
        from: iso(START + DAY + 5 * HOUR),
        to: iso(START + 19 * DAY + 4 * HOUR),
        ...extra,
      };
      const result = await post<unknown>(zoned, 'features/query', q);

      expect(result).toEqual(referenceFeatures(events, zoned.id, q, [], ZONE));
    });
  });
});
