import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type AccountList,
  type AccountSummary,
  type CreatedProject,
  type FeatureResult,
  type FunnelQuery,
  type FunnelResult,
} from '@bindery/contracts';
import {
  bearer,
  csvObjects,
  generateEvents,
  getJson,
  postJson,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2);
const iso = (ms: number) => new Date(ms).toISOString();

/** CSV exports over HTTP: the same numbers as the JSON reports, streamed page by page, errors as JSON. */
describe('CSV exports', () => {
  let t: TestApp;
  let project: CreatedProject;
  const asOf = iso(START + 9 * DAY);

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject('exports');
    const events = generateEvents({
      seed: 11,
      projectId: project.id,
      start: START,
      days: 8,
      users: 1_150,
      accounts: 1_100,
    });
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    for (let i = 0; i < events.length; i += 5_000) {
      await client.insert({ table: 'events', values: events.slice(i, i + 5_000), format: 'JSONEachRow' });
    }
  }, 180_000);
  afterAll(() => t?.close());

  const base = () => `${t.url}/v1/projects/${project.id}`;
  const csv = (path: string, params: Record<string, string>) =>
    fetch(`${base()}/exports/${path}?${new URLSearchParams(params)}`, {
      headers: { authorization: bearer(project.secretKey) },
    });

  it('exports a funnel with the numbers of /funnels/query', async () => {
    const query: FunnelQuery = {
      steps: [{ event: 'Account Created' }, { event: 'Book Created' }, { event: 'Chapter Added' }],
      windowSeconds: 2 * 86_400,
      order: 'ordered',
      aggregateBy: 'user',
      from: iso(START),
      to: asOf,
    };
    const json = (
      await postJson<FunnelResult>(`${base()}/funnels/query`, query, {
        authorization: bearer(project.secretKey),
      })
    ).body;
    const res = await csv('funnel', { query: JSON.stringify(query) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="funnel.csv"');
    const rows = csvObjects(await res.text());
    expect(json.steps[0]!.count).toBeGreaterThan(0);
    expect(rows).toEqual(
      json.steps.map((s, i) => ({
        segment: 'all',
        step: String(i + 1),
        event: s.event,
        count: String(s.count),
        conversion_from_first: String(s.conversionFromFirst),
        conversion_from_previous: String(s.conversionFromPrevious),
        drop_off: String(s.dropOff),
        median_seconds_to_convert: s.medianSecondsToConvert === null ? '' : String(s.medianSecondsToConvert),
        avg_seconds_to_convert: s.avgSecondsToConvert === null ? '' : String(s.avgSecondsToConvert),
      })),
    );
  });

  it('exports every account, page after page, as GET /accounts lists them', async () => {
    const listed: AccountSummary[] = [];
    let cursor: string | null = null;
    do {
      const params: Record<string, string> = { asOf, limit: '500', ...(cursor ? { cursor } : {}) };
      const page = await getJson<AccountList>(
        `${base()}/accounts?${new URLSearchParams(params)}`,
        project.secretKey,
      );
      listed.push(...page.body.accounts);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(listed.length).toBeGreaterThan(1_000);

    const res = await csv('accounts', { asOf });
    expect(res.status).toBe(200);
    // Streamed: the body arrives in chunks, the first before the last page was read.
    const reader = res.body!.getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value, { stream: true }));
    }
    expect(chunks.length).toBeGreaterThan(1);
    const rows = csvObjects(chunks.join(''));
    expect(rows.map((r) => [r.id, r.users, r.active_users_7d, r.last_seen_at, r.weekly_events])).toEqual(
      listed.map((a) => [
        a.id,
        String(a.users),
        String(a.activeUsers7d),
        a.lastSeenAt ?? '',
        a.weeklyEvents.join(' '),
      ]),
    );
  });

  it('keeps answering other requests while a large export waits on a slow reader', async () => {
    const res = await csv('accounts', { asOf });
    const reader = res.body!.getReader();
    await reader.read();
    const started = Date.now();
    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(500);
    await reader.cancel();
  });

  it('exports features under their display names, as /features/query reports them', async () => {
    const query = { from: iso(START), to: asOf, aggregateBy: 'user', abandonDays: 2 };
    const json = (
      await postJson<FeatureResult>(`${base()}/features/query`, query, {
        authorization: bearer(project.secretKey),
      })
    ).body;
    const rows = csvObjects(await (await csv('features', { query: JSON.stringify(query) })).text());
    expect(rows.map((r) => [r.feature, r.name, Number(r.subjects), r.first_used_at])).toEqual(
      json.features.map((f) => [f.feature, f.name, f.subjects, f.firstUsedAt]),
    );
  });

  it('answers a bad query or a missing key with a JSON error, not a broken file', async () => {
    const bad = await csv('funnel', { query: '{"steps":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    const invalid = await csv('retention', { query: JSON.stringify({ startEvent: 'A' }) });
    expect(invalid.status).toBe(400);
    const anonymous = await fetch(`${base()}/exports/accounts`);
    expect(anonymous.status).toBe(401);
  });
});
