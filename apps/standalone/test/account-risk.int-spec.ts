import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type AccountHealthHistory,
  type AccountRisk,
  type CreatedProject,
  type EventRow,
  type RuleRun,
  type TaskListItem,
} from '@bindery/contracts';
import {
  bearer,
  generateEvents,
  getJson,
  postJson,
  startTestApp,
  type TestApp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * "Why at risk" over HTTP on generated data: an account whose most active user stops and whose `export` use
 * halves, among generated accounts; the drivers add up to the change, name that user and `export` first,
 * and the scores agree with the health history the rules worker back-fills.
 */
describe('GET /accounts/:accountId/risk', () => {
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;
  const today = Math.floor(Date.now() / DAY);
  const then = today - 14;

  const get = <T>(path: string, key = project.secretKey, id = project.id) =>
    getJson<T>(`${t.url}/v1/projects/${id}/${path}`, key);

  function act(person: string, event: string, day: number, i: number, feature = ''): EventRow {
    const at = day * DAY + 9 * HOUR + i * 60_000;
    return {
      project_id: project.id,
      event_id: randomUUID(),
      type: 'track',
      event,
      feature: feature || event,
      timestamp: at,
      received_at: at,
      user_id: person,
      anonymous_id: '',
      account_id: 'acct-risk',
      session_id: '',
      properties: JSON.stringify(feature ? { feature } : {}),
      context: '{}',
      traits: '{}',
      library_name: 'test',
      library_version: '1',
      source: 'segment',
    };
  }

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject('risk');
    other = await t.createProject('risk-other');

    const rows: EventRow[] = generateEvents({
      seed: 41,
      projectId: project.id,
      accounts: 5,
      users: 25,
      days: 60,
      start: (today - 60) * DAY,
    }).filter((e) => e.timestamp < (today + 1) * DAY);
    // acct-risk: Ann edits every day until 14 days ago; four others view daily and use export 10 times a
    // week each, 5 in the last 14 days.
    for (let day = today - 60; day <= today; day++) {
      if (day <= then) for (let i = 0; i < 6; i++) rows.push(act('ann', 'Chapter Edited', day, i));
      for (const [n, p] of ['bo', 'cy', 'di', 'ed'].entries()) {
        rows.push(act(p, 'Page Viewed', day, 10 + n));
        const perWeek = day <= then ? 10 : 5;
        const k = day - (today - 60);
        const count = Math.floor(((k + 1) * perWeek) / 7) - Math.floor((k * perWeek) / 7);
        for (let i = 0; i < count; i++) rows.push(act(p, 'Report Exported', day, 20 + i, 'export'));
      }
    }
    rows.push({
      ...act('ann', '$identify', today - 60, 0),
      type: 'identify',
      account_id: '',
      feature: '',
      traits: JSON.stringify({ name: 'Ann Lee', email: 'ann@acme.com' }),
    });
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    for (let i = 0; i < rows.length; i += 2000) {
      await client.insert({ table: 'events', values: rows.slice(i, i + 2000), format: 'JSONEachRow' });
    }
  }, 120_000);
  afterAll(() => t.close());

  it('names the user who stopped and the feature whose use halved first, and adds up to the change', async () => {
    const res = await get<AccountRisk>('accounts/acct-risk/risk');

    expect(res.status).toBe(200);
    const risk = res.body;
    expect(risk).toMatchObject({ accountId: 'acct-risk', days: 14 });
    expect(risk.change).toBe(risk.scoreNow - risk.scoreThen);
    expect(risk.change).toBeLessThan(0);
    expect(risk.drivers.reduce((sum, d) => sum + d.points, 0)).toBe(risk.change);
    expect(risk.drivers.map((d) => d.points)).toEqual(
      [...risk.drivers.map((d) => d.points)].sort((a, b) => a - b),
    );
    const [first, second] = risk.drivers;
    expect([first?.label, second?.label].sort()).toEqual([
      'Ann Lee (ann@acme.com), your most active user, has not been active for 14 days',
      '`export` use fell from 40 to 20 a week',
    ]);
    expect(risk.drivers.find((d) => d.kind === 'key_users_gone_quiet')?.evidence).toMatchObject({
      userId: 'ann',
      email: 'ann@acme.com',
      lastActiveDay: new Date(then * DAY).toISOString().slice(0, 10),
      actionsSince: 0,
    });
  });

  it('adds up to the change on every generated account and span', async () => {
    for (const account of ['acct-00', 'acct-01', 'acct-02', 'acct-03']) {
      for (const days of [1, 7, 30]) {
        const { status, body } = await get<AccountRisk>(`accounts/${account}/risk?days=${days}`);
        expect(status).toBe(200);
        expect({ account, days, sum: body.drivers.reduce((s, d) => s + d.points, 0) }).toEqual({
          account,
          days,
          sum: body.change,
        });
      }
    }
  });

  it('agrees with the health history the rules worker back-fills', async () => {
    const started = await postJson<RuleRun>(
      `${t.url}/v1/projects/${project.id}/rules/run`,
      {},
      {
        authorization: bearer(project.secretKey),
      },
    );
    expect(started.status).toBe(202);
    for (;;) {
      const run = await get<RuleRun>(`rules/runs/${started.body.id}`);
      if (run.body.status === 'done') break;
      expect(run.body.status).not.toBe('failed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const account of ['acct-risk', 'acct-00', 'acct-01']) {
      const [risk, history] = await Promise.all([
        get<AccountRisk>(`accounts/${account}/risk?days=30`),
        get<AccountHealthHistory>(`accounts/${account}/health?days=31`),
      ]);
      const day = new Date((today - 30) * DAY).toISOString().slice(0, 10);
      expect({ account, score: history.body.history.find((h) => h.day === day)?.score }).toEqual({
        account,
        score: risk.body.scoreThen,
      });
    }
  });

  it('says in the task why the account’s health fell, naming the costliest drivers', async () => {
    const auth = { authorization: bearer(project.secretKey) };
    const rule = await postJson<{ id: string }>(
      `${t.url}/v1/projects/${project.id}/rules`,
      {
        name: 'Any score',
        type: 'health_drop',
        scope: 'account',
        params: { threshold: 100, delta: 100, days: 14 },
        cooldownHours: 24,
        enabled: true,
        actions: [{ kind: 'task', severity: 'high' }],
      },
      auth,
    );
    expect(rule.status).toBe(201);
    const started = await postJson<RuleRun>(`${t.url}/v1/projects/${project.id}/rules/run`, {}, auth);
    await until(
      'the rules run',
      () => get<RuleRun>(`rules/runs/${started.body.id}`),
      (r) => r.body.status === 'done',
    );
    const tasks = await until(
      'the task of acct-risk',
      () => get<{ tasks: TaskListItem[] }>(`tasks?accountId=acct-risk&limit=50`),
      (r) => r.body.tasks.some((task) => task.ruleId === rule.body.id),
    );
    const task = tasks.body.tasks.find((x) => x.ruleId === rule.body.id);
    const detail = await get<{ body: string }>(`tasks/${task?.id ?? ''}`);
    const risk = (await get<AccountRisk>('accounts/acct-risk/risk')).body;
    expect(detail.body.body).toContain(
      `Why health fell from ${risk.scoreThen} to ${risk.scoreNow} in 14 days: `,
    );
    expect(detail.body.body).toContain(
      'Ann Lee (ann@acme.com), your most active user, has not been active for 14 days',
    );
  });

  it('answers 404 for an unknown account, 400 for a bad span, and nothing to another project', async () => {
    expect((await get('accounts/nobody/risk')).status).toBe(404);
    expect((await get('accounts/acct-risk/risk?days=0')).status).toBe(400);
    expect((await get('accounts/acct-risk/risk?days=91')).status).toBe(400);
    expect((await get('accounts/acct-risk/risk', other.secretKey)).status).toBe(403);
    expect((await get('accounts/acct-risk/risk', other.secretKey, other.id)).status).toBe(404);
  });
});
