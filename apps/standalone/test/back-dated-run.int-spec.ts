import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type Rule,
  type RuleEffectSeries,
  type RuleRun,
  type Signal,
} from '@bindery/contracts';
import { bearer, eventRow, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;

/**
 * A rules run back-dated with `asOf`: it judges the events as of then and dates its signals then, so that the
 * effect over time places them in their week; a time in the future, or too far back, is refused.
 */
describe('back-dated rules runs', () => {
  let app: TestApp;
  let project: CreatedProject;
  const asOf = Date.now() - 10 * DAY;

  const url = (path: string) => `${app.url}/v1/projects/${project.id}/${path}`;
  const get = <T>(path: string) => getJson<T>(url(path), project.secretKey);
  const post = <T>(path: string, body: unknown) =>
    postJson<T>(url(path), body, { authorization: bearer(project.secretKey) });

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject('back-dated');
    for (const r of (await get<{ rules: Rule[] }>('rules')).body.rules) {
      await fetch(url(`rules/${r.id}`), {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
    }
    // As of asOf, "gone" has been quiet for 10 days and "around" for 2.
    await app.app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [
        eventRow(project.id, asOf - 10 * DAY, { user_id: 'gone', account_id: 'acct-1' }),
        eventRow(project.id, asOf - 2 * DAY, { user_id: 'around', account_id: 'acct-1' }),
      ],
      format: 'JSONEachRow',
    });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('refuses a time in the future or more than 400 days ago', async () => {
    for (const at of [Date.now() + DAY, Date.now() - 401 * DAY]) {
      const res = await post<{ error: { code: string; message: string } }>(
        `rules/run?asOf=${new Date(at).toISOString()}`,
        {},
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.message).toMatch(/^asOf/);
    }
  });

  it('dates its signals asOf, where the effect over time finds them', async () => {
    const created = await post<Rule>('rules', {
      name: 'quiet',
      type: 'inactivity',
      scope: 'user',
      params: { days: 7, lookbackDays: 30 },
      cooldownHours: 0,
      enabled: true,
      holdoutPct: 50,
      actions: [],
    });
    expect(created.status).toBe(201);
    const rule = created.body;
    const started = await post<RuleRun>(`rules/run?asOf=${new Date(asOf).toISOString()}`, {});
    expect(started.status).toBe(202);
    const run = await until(
      'the back-dated run',
      async () => (await get<RuleRun>(`rules/runs/${started.body.id}`)).body,
      (r) => r.status === 'done' || r.status === 'failed',
      60_000,
    );
    expect(run.status).toBe('done');
    const { signals } = (await get<{ signals: Signal[] }>(`signals?ruleId=${rule.id}`)).body;
    expect(signals.map((s) => [s.userId, s.createdAt])).toEqual([['gone', new Date(asOf).toISOString()]]);

    const series = (
      await get<RuleEffectSeries>(
        `rules/${rule.id}/effect/series?from=${new Date(asOf - 14 * DAY).toISOString()}`,
      )
    ).body;
    const holding = series.periods.filter(
      (p) => p.treated.subjects + p.treated.pending + p.heldOut.subjects + p.heldOut.pending > 0,
    );
    expect(holding).toHaveLength(1);
    expect(Date.parse(holding[0]!.from)).toBeLessThanOrEqual(asOf);
    expect(Date.parse(holding[0]!.to)).toBeGreaterThan(asOf);
  });
});
