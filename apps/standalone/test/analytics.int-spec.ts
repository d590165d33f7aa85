import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type AccountList,
  type AccountListItem,
  type ActivityQuery,
  type CreatedProject,
  type DropoffPage,
  type EventRow,
  type FeatureResult,
  type FunnelQuery,
  type RetentionQuery,
} from '@bindery/contracts';
import {
  bearer,
  generateEvents,
  getJson,
  type JsonResponse,
  postJson,
  referenceAccountDetail,
  referenceAccounts,
  referenceActivity,
  referenceDropoffs,
  type FeatureInput,
  referenceFeatures,
  referenceFunnel,
  referenceRetention,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every report over HTTP against a brute-force computation of docs/analytics.md over the same generated
 * events: ties, duplicates, out-of-order arrival, several accounts per user, anonymous visitors.
 */
describe('usage analytics against the brute-force reference', () => {
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;
  let events: EventRow[];

  /**
   * Inserts rows as ingest would: in several inserts, out of order, and the retried rows (an event id seen
   * before) last, in an insert of their own. Merges are stopped, so a retried row stays a row of its own
   * until a query drops it, as it does until ClickHouse merges the parts.
   */
  async function load(client: ClickHouseClient, rows: EventRow[]): Promise<void> {
    await client.command({ query: 'SYSTEM STOP MERGES events' });
    const seen = new Set<string>();
    const first: EventRow[] = [];
    const retried: EventRow[] = [];
    for (const row of [...rows].sort((a, b) => (a.event_id < b.event_id ? -1 : 1))) {
      (seen.has(row.event_id) ? retried : first).push(row);
      seen.add(row.event_id);
    }
    for (let i = 0; i < first.length; i += 700) {
      await client.insert({ table: 'events', values: first.slice(i, i + 700), format: 'JSONEachRow' });
    }
    expect(retried.length).toBeGreaterThan(0);
    await client.insert({ table: 'events', values: retried, format: 'JSONEachRow' });
  }

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject('analytics');
    other = await t.createProject('analytics-other');
    events = generateEvents({ seed: 7, projectId: project.id, start: START, days: 21 });
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    await load(client, [
      ...events,
      ...generateEvents({ seed: 8, projectId: other.id, start: START, days: 21 }),
    ]);
  }, 120_000);
  afterAll(() => t.close());

  const post = async (path: string, body: unknown, key = project.secretKey, id = project.id) =>
    postJson(`${t.url}/v1/projects/${id}/${path}`, body, { authorization: bearer(key) });

  const names = (): [string, string, string, string] => {
    const [a, b, c, d] = [...new Set(events.filter((e) => e.type === 'track').map((e) => e.event))].sort();
    if (!a || !b || !c || !d) throw new Error('the generated events have fewer than 4 names');
    return [a, b, c, d];
  };

  describe('funnels', () => {
    const base = (): FunnelQuery => {
      const [a, b, c, d] = names();
      return {
        steps: [{ event: a }, { event: b }, { event: c }, { event: d }],
        windowSeconds: 3_600,
        order: 'ordered',
        aggregateBy: 'user',
        from: iso(START + 2 * DAY),
        to: iso(START + 16 * DAY + 3_600_000),
      };
    };
    const cases: [string, () => FunnelQuery][] = [
      ['ordered, by user', base],
      ['strict', () => ({ ...base(), order: 'strict' })],
      ['unordered', () => ({ ...base(), order: 'unordered' })],
      ['by account', () => ({ ...base(), aggregateBy: 'account' })],
      ['a short window', () => ({ ...base(), windowSeconds: 60 })],
      [
        'a step repeated and property filters',
        () => {
          const [a, b] = names();
          const steps: FunnelQuery['steps'] = [
            { event: a },
            { event: b, where: { plan: 'pro' } },
            { event: a, where: { seats: { op: 'gte', value: 3 } } },
          ];
          return { ...base(), steps };
        },
      ],
      ['a breakdown', () => ({ ...base(), breakdown: { property: 'plan', limit: 25 } })],
      [
        'strict with a repeated step and a breakdown by account',
        () => {
          const [a, b] = names();
          return {
            ...base(),
            order: 'strict',
            aggregateBy: 'account',
            steps: [{ event: a }, { event: a }, { event: b }],
            breakdown: { property: 'trial', limit: 25 },
          };
        },
      ],
      [
        'unordered with a breakdown',
        () => ({ ...base(), order: 'unordered', breakdown: { property: 'seats', limit: 2 } }),
      ],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const q = make();
      const res = await post('funnels/query', q);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(referenceFunnel(events, project.id, q));
      expect(res.body.steps[1].count).toBeGreaterThan(0);
    });

    it('lists the drop-offs of each step, page by page', async () => {
      const q = base();
      for (const step of [1, 2, 3]) {
        const seen: DropoffPage['subjects'] = [];
        let cursor: string | null = null;
        do {
          const params = new URLSearchParams({ query: JSON.stringify(q), step: String(step), limit: '7' });
          if (cursor) params.set('cursor', cursor);
          const res = await getJson<DropoffPage>(
            `${t.url}/v1/projects/${project.id}/funnels/dropoffs?${params}`,
            project.secretKey,
          );
          expect(res.status).toBe(200);
          seen.push(...res.body.subjects);
          cursor = res.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(referenceDropoffs(events, project.id, q, step));
      }
    });

    it('refuses a step past the funnel and a range the wrong way round', async () => {
      const q = base();
      const params = new URLSearchParams({ query: JSON.stringify(q), step: '5' });
      const past = await getJson<{ error: { code: string } }>(
        `${t.url}/v1/projects/${project.id}/funnels/dropoffs?${params}`,
        project.secretKey,
      );
      const backwards = await post('funnels/query', { ...q, from: q.to, to: q.from });
      const tooLong = await post('funnels/query', { ...q, from: iso(START - 500 * DAY) });

      const unknown = await post('funnels/query', { ...q, colour: 'red' });

      expect([unknown.status, unknown.body.error.code]).toEqual([400, 'invalid_input']);
      expect(unknown.body.error.message).toContain('colour');
      expect([past.status, past.body.error.code]).toEqual([400, 'invalid_input']);
      expect([backwards.status, backwards.body.error.code]).toEqual([400, 'invalid_input']);
      expect([tooLong.status, tooLong.body.error.message]).toEqual([
        400,
        'the range may span at most 400 days',
      ]);
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
          periods: 4,
          aggregateBy: 'user',
          from: iso(START + 3 * DAY),
          to: iso(START + 20 * DAY),
        }),
      ],
      [
        'daily by account',
        () => ({
          startEvent: names()[2],
          returnEvent: names()[0],
          period: 'day',
          periods: 10,
          aggregateBy: 'account',
          from: iso(START + DAY + 5_000),
          to: iso(START + 12 * DAY + 7_200_000),
        }),
      ],
    ];

    it.each(cases)('%s', async (_name, make) => {
      const q = make();
      const res = await post('retention/query', q);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(referenceRetention(events, project.id, q));
    });
  });

  describe('active users', () => {
    it.each([
      ['the project', {}],
      ['one account', { accountId: 'acct-01' }],
    ])('for %s', async (_name, extra) => {
      const q: ActivityQuery = {
        from: iso(START + 5 * DAY + 7_200_000),
        to: iso(START + 21 * DAY - 1),
        ...extra,
      };
      const res = await post('activity/query', q);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(referenceActivity(events, project.id, q));
      expect(res.body.series.some((d: { mau: number }) => d.mau > 0)).toBe(true);
    });
  });

  describe('feature adoption', () => {
    it.each([
      ['by user', { aggregateBy: 'user' as const, abandonDays: 3 }],
      ['by account', { aggregateBy: 'account' as const, abandonDays: 1 }],
      ['by user, with weekly series', { aggregateBy: 'user' as const, abandonDays: 3, weekly: true }],
    ])('%s', async (_name, extra) => {
      const q: FeatureInput = {
        from: iso(START + DAY + 3_600_000),
        to: iso(START + 20 * DAY - 60_000),
        ...extra,
      };
      const res = await post('features/query', q);

      expect(res.status).toBe(200);
      expect(res.body).toEqual(referenceFeatures(events, project.id, q));
    });

    it('leaves lifecycle events out, and counts only the features a project defines, under their names', async () => {
      const q: FeatureInput = { from: iso(START + 5 * DAY), to: iso(START + 12 * DAY), abandonDays: 3 };
      const guessed = (await post('features/query', q)).body as FeatureResult;
      expect(guessed.features.map((f) => f.feature)).not.toContain('Account Created');
      // First use is the feature's first ever, before the range began.
      expect(guessed.features.some((f) => Date.parse(f.firstUsedAt) < START + 5 * DAY)).toBe(true);

      const definitions = [
        { key: 'billing', name: 'Billing' },
        { key: 'Account Created', name: 'Sign-up' },
        { key: 'Draft Shared' },
      ];
      const settings = async (features: typeof definitions) =>
        fetch(`${t.url}/v1/projects/${project.id}/settings`, {
          method: 'PUT',
          headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
          body: JSON.stringify({
            healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
            keyFeatures: [],
            features,
          }),
        });
      expect((await settings(definitions)).status).toBe(200);
      try {
        const res = await post('features/query', q);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(referenceFeatures(events, project.id, q, definitions));
        expect((res.body as FeatureResult).features.map((f) => f.name).sort()).toEqual([
          'Billing',
          'Draft Shared',
          'Sign-up',
        ]);
      } finally {
        expect((await settings([])).status).toBe(200);
      }
    });
  });

  describe('accounts', () => {
    const asOf = START + 18 * DAY + 5 * 3_600_000;

    it('lists every account, page by page, as the reference summarises them', async () => {
      const seen: AccountListItem[] = [];
      let cursor: string | null = null;
      do {
        const params: URLSearchParams = new URLSearchParams({ asOf: iso(asOf), limit: '2' });
        if (cursor) params.set('cursor', cursor);
        const res: JsonResponse<AccountList> = await getJson<AccountList>(
          `${t.url}/v1/projects/${project.id}/accounts?${params}`,
          project.secretKey,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.accounts);
        cursor = res.body.nextCursor;
      } while (cursor);

      // No rule runs in this project, so no account has an open task.
      expect(seen).toEqual(referenceAccounts(events, project.id, asOf).map((a) => ({ ...a, openTasks: 0 })));
      expect(seen.some((a) => a.id === 'acct-groups-only')).toBe(true);
    });

    it.each(['acct-00', 'acct-01', 'acct-groups-only'])('details %s', async (accountId) => {
      const res = await getJson(
        `${t.url}/v1/projects/${project.id}/accounts/${accountId}?asOf=${iso(asOf)}`,
        project.secretKey,
      );

      expect(res.status).toBe(200);
      expect(res.body).toEqual(referenceAccountDetail(events, project.id, accountId, asOf));
    });

    it('answers 404 for an account nobody has seen', async () => {
      const res = await getJson(`${t.url}/v1/projects/${project.id}/accounts/acct-nobody`, project.secretKey);

      expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    });
  });

  describe('scoping', () => {
    it("refuses another project's key", async () => {
      const res = await post('activity/query', { from: iso(START), to: iso(START + DAY) }, other.secretKey);

      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    });

    it("counts only the caller's project", async () => {
      const q: ActivityQuery = { from: iso(START), to: iso(START + 21 * DAY) };
      const res = await post('activity/query', q, other.secretKey, other.id);

      expect(res.body).not.toEqual(referenceActivity(events, project.id, q));
      expect(res.body).toEqual(
        referenceActivity(
          generateEvents({ seed: 8, projectId: other.id, start: START, days: 21 }),
          other.id,
          q,
        ),
      );
    });
  });
});
