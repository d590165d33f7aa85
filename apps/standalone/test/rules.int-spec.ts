import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type CreatedProject, type EventRow, type Rule, type RuleRun, type Signal } from '@bindery/contracts';
import {
  bearer,
  createPostgresSchema,
  getJson,
  nth,
  postJson,
  startTestApp,
  type TestApp,
  type TestSchema,
} from '@bindery/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test composes apps, it is not a lib
import { RulesWorkerAppModule } from '../../rules-worker/src/app.module';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Scenarios whose ground truth is known (who goes quiet on which day, whose usage falls, who stalls at which
 * step), evaluated by the rules worker for real on BullMQ and Redis; the signals are checked exactly, then
 * again after two more runs on two workers at once.
 */
describe('rules worker on generated scenarios', () => {
  let schema: TestSchema;
  let app: TestApp;
  let worker: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);
  /** Noon of the day `daysAgo` days before today. */
  const noon = (daysAgo: number) => (today - daysAgo) * DAY + 12 * HOUR;

  const rows: EventRow[] = [];
  function act(at: number, who: { user?: string; account?: string }, event = 'Page Viewed', properties = {}) {
    rows.push({
      project_id: project.id,
      event_id: randomUUID(),
      type: 'track',
      event,
      feature:
        typeof (properties as { feature?: unknown }).feature === 'string'
          ? (properties as { feature: string }).feature
          : event,
      timestamp: at,
      received_at: at,
      user_id: who.user ?? '',
      anonymous_id: who.user ? '' : 'anon-x',
      account_id: who.account ?? '',
      session_id: '',
      properties: JSON.stringify(properties),
      context: '{}',
      traits: '{}',
      library_name: 'test',
      library_version: '1',
      source: 'segment',
    });
  }
  function traits(account: string, values: Record<string, unknown>) {
    rows.push({
      ...nth(rows, 0),
      event_id: randomUUID(),
      type: 'group',
      event: '$group',
      feature: '',
      user_id: '',
      anonymous_id: 'anon-admin',
      account_id: account,
      timestamp: noon(40),
      received_at: noon(40),
      properties: '{}',
      traits: JSON.stringify(values),
    });
  }

  const api = <T>(path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    method === 'GET'
      ? getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey)
      : postJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, body, {
          authorization: bearer(project.secretKey),
        });

  async function runAndWait(): Promise<RuleRun> {
    const started = await api<RuleRun>('rules/run', {});
    expect(started.status).toBe(202);
    for (;;) {
      const run = await api<RuleRun>(`rules/runs/${started.body.id}`);
      if (run.body.status === 'done' || run.body.status === 'failed') return run.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function signals(): Promise<Signal[]> {
    const res = await api<{ signals: Signal[] }>('signals?limit=500');
    return res.body.signals;
  }

  beforeAll(async () => {
    schema = await createPostgresSchema();
    const env = {
      DATABASE_URL: schema.url,
      QUEUE_PREFIX: `rules-${randomUUID()}`,
      RULES_INTERVAL_SECONDS: '0',
    };
    app = await startTestApp((config) => StandaloneModule.forRoot(config), env);
    worker = await startTestApp((config) => RulesWorkerAppModule.forRoot(config), env);
    project = await app.createProject('rules');

    // inactivity (users, 7 days, lookback 30)
    act(noon(10), { user: 'quiet-10' });
    act(noon(8), { user: 'quiet-8' });
    act(noon(7), { user: 'quiet-7' });
    act(noon(2), { user: 'recent' });
    act(noon(60), { user: 'long-gone' });
    // usage_decline (accounts): 10 a day for 28 days, then 2 a day for the last 7 full days
    for (let d = 35; d >= 1; d--) {
      for (let i = 0; i < (d > 7 ? 10 : 2); i++)
        act(noon(d) + i * 1000, { user: 'dec-user', account: 'acct-declining' });
      for (let i = 0; i < 10; i++) act(noon(d) + i * 1000, { user: 'steady-user', account: 'acct-steady' });
      act(noon(d), { user: 'thin-user', account: 'acct-thin' });
    }
    // funnel_stall: Signed Up → Project Created → Invite Sent, 3-day window, 24 h stall
    act(now - 72 * HOUR, { user: 'stall-2' }, 'Signed Up');
    act(now - 48 * HOUR, { user: 'stall-2' }, 'Project Created');
    act(now - 2 * HOUR, { user: 'fresh' }, 'Signed Up');
    act(now - 50 * HOUR, { user: 'done' }, 'Signed Up');
    act(now - 49 * HOUR, { user: 'done' }, 'Project Created');
    act(now - 47 * HOUR, { user: 'done' }, 'Invite Sent');
    act(now - 30 * HOUR, { user: 'stall-1' }, 'Signed Up');
    // feature_abandonment (export: 3 uses, then 5 idle days while active)
    for (const i of [0, 1, 2, 3])
      act(noon(10) + i * 1000, { user: 'abandoner' }, 'Report Exported', { feature: 'export' });
    act(noon(1), { user: 'abandoner' });
    for (const i of [0, 1])
      act(noon(10) + i * 1000, { user: 'light-user' }, 'Report Exported', { feature: 'export' });
    act(noon(1), { user: 'light-user' });
    for (const i of [0, 1, 2])
      act(noon(10) + i * 1000, { user: 'left-entirely' }, 'Report Exported', { feature: 'export' });
    // never_adopted (import within 7 days of the first action)
    act(noon(10), { user: 'never-imported' });
    act(noon(10), { user: 'imported' });
    act(noon(9), { user: 'imported' }, 'Data Imported', { feature: 'import' });
    act(noon(3), { user: 'newcomer' });
    // health_drop: an account with MRR and no actions scores 18 (trend 50 and no signals: 0.15·50 + 0.1·100)
    traits('acct-dormant', { mrr: 500, csm_email: 'csm@example.com' });

    const clickhouse = app.app.get<ClickHouseClient>(CLICKHOUSE);
    // No merges: a retried event stays a second row until a query drops it.
    await clickhouse.command({ query: 'SYSTEM STOP MERGES events' });
    await clickhouse.insert({ table: 'events', values: rows, format: 'JSONEachRow' });
    // A client retried acct-steady's older batches twice: the same events again, each time in an insert of its
    // own, which count once (three times, its last week would look like a third of the four before: a decline).
    const retried = rows.filter((r) => r.account_id === 'acct-steady' && r.timestamp < noon(7));
    for (let retry = 0; retry < 2; retry++) {
      await clickhouse.insert({ table: 'events', values: retried, format: 'JSONEachRow' });
    }
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await schema?.drop();
  });

  it('gives a new project the default pack, the ones needing set-up disabled', async () => {
    const { body } = await api<{ rules: Rule[] }>('rules');

    expect(body.rules.map((r) => [r.type, r.scope, r.enabled]).sort()).toEqual(
      [
        ['feature_abandonment', 'user', false],
        ['health_drop', 'account', true],
        ['inactivity', 'account', true],
        ['inactivity', 'user', true],
        ['never_adopted', 'user', false],
        ['usage_decline', 'account', true],
      ].sort(),
    );
  });

  it('refuses params that do not fit the rule type, with the reason', async () => {
    const res = await api<{ error: { code: string; message: string } }>('rules', {
      name: 'bad',
      type: 'inactivity',
      scope: 'user',
      cooldownHours: 1,
      enabled: true,
      actions: [],
      params: { days: 0, lookbackDays: 3 },
    });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('params of a inactivity rule: days must be >= 1');
  });

  it('emits exactly the expected signals, once, however often and on however many workers it runs', async () => {
    const defaults = await api<{ rules: Rule[] }>('rules');
    for (const rule of defaults.body.rules) {
      const res = await fetch(`${app.url}/v1/projects/${project.id}/rules/${rule.id}`, {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
      expect(res.status).toBe(204);
    }
    const funnel = await api<{ id: string }>('funnels', {
      name: 'Onboarding',
      steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
      windowSeconds: 3 * 86_400,
      order: 'ordered',
      aggregateBy: 'user',
    });
    const common = { cooldownHours: 24, enabled: true, actions: [{ kind: 'task', severity: 'medium' }] };
    const rules: Record<string, Record<string, unknown>> = {
      inactivity: { scope: 'user', params: { days: 7, lookbackDays: 30 } },
      usage_decline: {
        scope: 'account',
        params: { metric: 'events', recentDays: 7, baselineDays: 28, thresholdPct: 50, minBaseline: 20 },
      },
      funnel_stall: { scope: 'user', params: { funnelId: funnel.body.id, stallHours: 24, lookbackDays: 7 } },
      feature_abandonment: {
        scope: 'user',
        params: { feature: 'export', minUses: 3, idleDays: 5, lookbackDays: 30 },
      },
      never_adopted: { scope: 'user', params: { feature: 'import', days: 7 } },
      health_drop: { scope: 'account', params: { threshold: 20, days: 7 } },
    };
    const idOf = new Map<string, string>();
    for (const [type, rule] of Object.entries(rules)) {
      const res = await api<Rule>('rules', { name: type, type, ...common, ...rule });
      expect(res.status).toBe(201);
      idOf.set(res.body.id, type);
    }

    const first = await runAndWait();
    const found = (await signals())
      .map((s) => [idOf.get(s.ruleId), s.userId ?? s.accountId, s.details.step ?? s.details.feature ?? null])
      .sort();

    expect(first.status).toBe('done');
    // Every subject of every scenario meets every rule: the quiet ones are also not adopting import.
    const quiet = ['quiet-10', 'quiet-8', 'left-entirely', 'never-imported', 'imported'];
    const firstSeen8To37DaysAgo = [
      ...['quiet-10', 'quiet-8', 'left-entirely', 'never-imported', 'abandoner', 'light-user'],
      ...['dec-user', 'steady-user', 'thin-user'],
    ];
    expect(found).toEqual(
      [
        ...quiet.map((u) => ['inactivity', u, null]),
        ...firstSeen8To37DaysAgo.map((u) => ['never_adopted', u, 'import']),
        ['usage_decline', 'acct-declining', null],
        ['funnel_stall', 'stall-2', 2],
        ['funnel_stall', 'stall-1', 1],
        ['feature_abandonment', 'abandoner', 'export'],
        ['health_drop', 'acct-dormant', null],
      ].sort(),
    );
    expect(first.counts.signals).toBe(found.length);

    const stall = (await signals()).find((s) => s.userId === 'stall-2');
    expect(stall?.details).toMatchObject({ type: 'funnel_stall', step: 2, nextStepEvent: 'Invite Sent' });

    const again = await Promise.all([runAndWait(), runAndWait()]);
    expect(again.map((r) => [r.status, r.counts.signals])).toEqual([
      ['done', 0],
      ['done', 0],
    ]);
    expect(await signals()).toHaveLength(found.length);

    const dormant = await api<{ health: { score: number; abc: string; components: Record<string, number> } }>(
      'accounts/acct-dormant',
    );
    // Scored again by the later runs, now with its own health_drop signal open: 0.15 × 50 + 0.1 × 80.
    expect(dormant.body.health).toMatchObject({
      score: 16,
      abc: 'A',
      components: { recency: 0, activeShare: 0, breadth: 0, trend: 50, signals: 80 },
    });
  });

  it('weighs health as the project sets it', async () => {
    const defaults = await api<{ healthWeights: Record<string, number> }>('settings');
    const offScale = await fetch(`${app.url}/v1/projects/${project.id}/settings`, {
      method: 'PUT',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({
        healthWeights: { ...defaults.body.healthWeights, sentiment: 101 },
        keyFeatures: [],
      }),
    });
    expect(offScale.status).toBe(400);
    const weights = { recency: 0, activeShare: 0, breadth: 0, trend: 100, signals: 0 };
    const put = await fetch(`${app.url}/v1/projects/${project.id}/settings`, {
      method: 'PUT',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({ healthWeights: weights, keyFeatures: ['export'] }),
    });
    await runAndWait();
    const dormant = await api<{ health: { score: number } }>('accounts/acct-dormant');
    const steady = await api<{ health: { components: { breadth: number } } }>('accounts/acct-steady');

    expect(defaults.body.healthWeights).toEqual({
      recency: 30,
      activeShare: 25,
      breadth: 20,
      trend: 15,
      signals: 10,
      sentiment: 0,
    });
    expect(put.status).toBe(200);
    expect(dormant.body.health.score).toBe(50);
    const history = await api<{ history: { day: string; score: number; abc: string }[] }>(
      'accounts/acct-dormant/health?days=7',
    );
    // Back-filled from the events: a score for each of the 7 days, today's last (the MRR trait dates from
    // 40 days ago, so the account is scored on every one of them).
    expect(history.body.history).toEqual(
      Array.from({ length: 7 }, (_, i) =>
        expect.objectContaining({
          day: new Date((today - 6 + i) * DAY).toISOString().slice(0, 10),
          score: 50,
          abc: 'A',
        }),
      ),
    );
    expect(steady.body.health.components.breadth).toBe(0);
  });

  it('serves health and metrics only on the worker', async () => {
    const health = await fetch(`${worker.url}/readyz`);
    const rulesRoute = await fetch(`${worker.url}/v1/projects/${project.id}/rules`);

    expect(health.status).toBe(200);
    expect(rulesRoute.status).toBe(404);
  });
});
