import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type CreatedProject, type EventRow, type FunnelQuery } from '@bindery/contracts';
import { personIdentity, QueryRunner } from '@bindery/event-queries';
import {
  basic,
  bearer,
  postJson,
  referenceActivity,
  referenceFunnel,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 4, 4, 9);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * One person across an anonymous visit and a sign-up (docs/analytics.md, People): events sent over HTTP in
 * each SDK's wire format, then the funnel, DAU and the brute-force reference over the stored rows.
 */
describe('identity merge over HTTP ingest', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
  });
  afterAll(() => t.close());

  const segment = async (project: CreatedProject, batch: Record<string, unknown>[]) => {
    const res = await postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(project.writeKey) });
    expect(res.body).toMatchObject({ accepted: batch.length, rejected: [] });
  };
  const posthog = async (project: CreatedProject, batch: Record<string, unknown>[]) => {
    const res = await postJson(`${t.url}/batch/`, { api_key: project.writeKey, batch });
    expect(res.body).toMatchObject({ accepted: batch.length, rejected: [] });
  };
  const segmentCall = (type: string, at: number, fields: Record<string, unknown>) => ({
    type,
    messageId: randomUUID(),
    timestamp: iso(at),
    ...fields,
  });
  const posthogEvent = (event: string, at: number, distinctId: string, properties = {}) => ({
    event,
    uuid: randomUUID(),
    distinct_id: distinctId,
    timestamp: iso(at),
    properties,
  });

  /** The project's stored rows, as the reference reads them. */
  async function storedRows(project: CreatedProject): Promise<EventRow[]> {
    const client = t.app.get<ClickHouseClient>(CLICKHOUSE);
    const result = await client.query({
      query: `SELECT * EXCEPT (timestamp, received_at), toUnixTimestamp64Milli(timestamp) AS timestamp,
          toUnixTimestamp64Milli(received_at) AS received_at
        FROM events WHERE project_id = {projectId:UUID}`,
      query_params: { projectId: project.id },
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<EventRow>();
  }

  /** The two-step funnel pricing → sign-up and the day's DAU, checked against the reference. */
  async function expectOnePerson(project: CreatedProject, pricing: string): Promise<void> {
    const post = (path: string, body: unknown) =>
      postJson(`${t.url}/v1/projects/${project.id}/${path}`, body, {
        authorization: bearer(project.secretKey),
      });
    const funnel: FunnelQuery = {
      steps: [{ event: pricing }, { event: 'Signed Up' }],
      windowSeconds: 3_600,
      order: 'ordered',
      aggregateBy: 'user',
      from: iso(T0 - DAY),
      to: iso(T0 + DAY),
    };
    const activity = { from: iso(T0 - 9 * 3_600_000), to: iso(T0 + 15 * 3_600_000) };
    const rows = await storedRows(project);

    const f = await post('funnels/query', funnel);
    expect(f.status).toBe(200);
    expect(f.body.steps.map((s: { count: number }) => s.count)).toEqual([1, 1]);
    expect(f.body).toEqual(referenceFunnel(rows, project.id, funnel));

    const a = await post('activity/query', activity);
    expect(a.status).toBe(200);
    expect(a.body.series).toMatchObject([{ dau: 1 }]);
    expect(a.body).toEqual(referenceActivity(rows, project.id, activity));
  }

  it('Segment: identify with userId and anonymousId merges the anonymous visit', async () => {
    const project = await t.createProject('merge-segment');
    await segment(project, [
      segmentCall('page', T0, { anonymousId: 'a1', name: 'Pricing' }),
      segmentCall('identify', T0 + 60_000, { userId: 'u1', anonymousId: 'a1' }),
      segmentCall('track', T0 + 120_000, { userId: 'u1', event: 'Signed Up' }),
    ]);
    await expectOnePerson(project, '$page');
  });

  it('PostHog: $identify with $anon_distinct_id merges the anonymous visit', async () => {
    const project = await t.createProject('merge-posthog');
    await posthog(project, [
      posthogEvent('$pageview', T0, 'a1', { $is_identified: false, $current_url: '/pricing' }),
      posthogEvent('$identify', T0 + 60_000, 'u1', { $anon_distinct_id: 'a1' }),
      posthogEvent('Signed Up', T0 + 120_000, 'u1'),
    ]);
    await expectOnePerson(project, '$pageview');
  });

  it('Segment: alias(previousId a1 → u1) merges the anonymous visit', async () => {
    const project = await t.createProject('merge-alias');
    await segment(project, [
      segmentCall('page', T0, { anonymousId: 'a1', name: 'Pricing' }),
      segmentCall('alias', T0 + 60_000, { userId: 'u1', previousId: 'a1' }),
      segmentCall('track', T0 + 120_000, { userId: 'u1', event: 'Signed Up' }),
    ]);
    await expectOnePerson(project, '$page');
  });

  it('PostHog: $create_alias from the anonymous visitor merges the visit', async () => {
    const project = await t.createProject('merge-create-alias');
    await posthog(project, [
      posthogEvent('$pageview', T0, 'a1', { $is_identified: false }),
      posthogEvent('$create_alias', T0 + 60_000, 'a1', { alias: 'u1', $is_identified: false }),
      posthogEvent('Signed Up', T0 + 120_000, 'u1'),
    ]);
    await expectOnePerson(project, '$pageview');
  });

  it('links retroactively: the identify may arrive after the sign-up', async () => {
    const project = await t.createProject('merge-late');
    await segment(project, [
      segmentCall('page', T0, { anonymousId: 'a1', name: 'Pricing' }),
      segmentCall('track', T0 + 120_000, { userId: 'u1', event: 'Signed Up' }),
    ]);
    await segment(project, [segmentCall('identify', T0 + 5 * DAY, { userId: 'u1', anonymousId: 'a1' })]);
    await expectOnePerson(project, '$page');
  });

  it('counts the active days of all ids of a person as one in DAU, WAU and MAU', async () => {
    const project = await t.createProject('merge-active-days');
    // The anonymous id and the user id are active on different days and on one day together.
    await segment(project, [
      segmentCall('page', T0 - 3 * DAY, { anonymousId: 'a3', name: 'Pricing' }),
      segmentCall('track', T0 - DAY, { userId: 'u3', event: 'Opened' }),
      segmentCall('page', T0, { anonymousId: 'a3', name: 'Docs' }),
      segmentCall('track', T0 + 60_000, { userId: 'u3', event: 'Opened' }),
      segmentCall('identify', T0 + 2 * DAY, { userId: 'u3', anonymousId: 'a3' }),
      segmentCall('track', T0 + 9 * DAY, { userId: 'u3', event: 'Opened' }),
    ]);
    const activity = { from: iso(T0 - 5 * DAY), to: iso(T0 + 12 * DAY) };
    const a = await postJson(`${t.url}/v1/projects/${project.id}/activity/query`, activity, {
      authorization: bearer(project.secretKey),
    });

    expect(a.status).toBe(200);
    const series = a.body.series as { dau: number; wau: number; mau: number }[];
    expect(Math.max(...series.map((d) => d.dau))).toBe(1);
    expect(Math.max(...series.map((d) => d.wau))).toBe(1);
    expect(Math.max(...series.map((d) => d.mau))).toBe(1);
    expect(a.body).toEqual(referenceActivity(await storedRows(project), project.id, activity));
  });

  it('never merges two known users through an anonymous id they shared, and says why', async () => {
    const project = await t.createProject('merge-refused');
    await segment(project, [
      segmentCall('page', T0, { anonymousId: 'a1', name: 'Pricing' }),
      segmentCall('identify', T0 + 60_000, { userId: 'u1', anonymousId: 'a1' }),
      segmentCall('track', T0 + 120_000, { userId: 'u1', event: 'Signed Up' }),
      segmentCall('identify', T0 + 3_600_000, { userId: 'u2', anonymousId: 'a1' }),
      segmentCall('track', T0 + 3_660_000, { userId: 'u2', event: 'Signed Up' }),
      segmentCall('alias', T0 + 3_700_000, { userId: 'u2', previousId: 'u1' }),
    ]);
    const runner = t.app.get(QueryRunner);

    expect(await personIdentity(runner, project.id, 'a1')).toEqual({
      personId: 'u1',
      ids: ['u1', 'a1'],
      notMerged: [
        {
          id: 'a1',
          userId: 'u2',
          linkedAt: T0 + 3_600_000,
          merged: false,
          reason: 'linked_to_another_user',
          mergedInto: 'u1',
        },
        {
          id: 'u1',
          userId: 'u2',
          linkedAt: T0 + 3_700_000,
          merged: false,
          reason: 'known_user',
          mergedInto: null,
        },
      ],
    });
    expect((await personIdentity(runner, project.id, 'u2')).ids).toEqual(['u2']);
    const res = await postJson(
      `${t.url}/v1/projects/${project.id}/funnels/query`,
      {
        steps: [{ event: '$page' }, { event: 'Signed Up' }],
        windowSeconds: 86_400,
        order: 'ordered',
        aggregateBy: 'user',
        from: iso(T0 - DAY),
        to: iso(T0 + DAY),
      },
      { authorization: bearer(project.secretKey) },
    );
    expect(res.body.steps.map((s: { count: number }) => s.count)).toEqual([1, 1]);
  });
});
