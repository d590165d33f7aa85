import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE, RETAINED_TABLES } from '@bindery/clickhouse';
import { type CreatedProject, type ProjectSettings } from '@bindery/contracts';
import { RETENTION_CACHE_MS } from '@bindery/db';
import { REDATE_AGAIN_AFTER_MS } from '@bindery/projects';
import { basic, bearer, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const FOREVER = '2106-01-01 00:00:00';
const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 };

/** ClickHouse's rendering of a time, to the second, as `retain_until` holds it. */
const chTime = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * eventRetentionDays over HTTP on chDB: ingest stamps each event with the time ClickHouse deletes it, the TTL
 * deletes it from events, traits, both rollups and the identity links, and a change of the setting re-dates
 * the rows stored, again once ingest has read it. The TTL is applied with `ALTER TABLE … MATERIALIZE TTL` (mutations_sync = 2), which does at
 * once what the engine's merges do in time; rows already past their date when written are not even stored.
 */
describe('event retention', () => {
  let t: TestApp;
  let ch: ClickHouseClient;
  let kept: CreatedProject;
  let other: CreatedProject;
  /**
   * The retention this spec sets, long enough that both kinds of rows are years old: old ones outside it, new
   * ones inside. So every row of this spec is in months no other suite writes, and the engine's mutations and
   * TTL touch only this spec's parts, not the data of every suite the worker ran before (minutes in CI).
   */
  const RETENTION_DAYS = 2000;
  const OLD = Date.now() - (RETENTION_DAYS + 200) * DAY;
  const NEW = Date.now() - (RETENTION_DAYS - 200) * DAY;
  /** OLD's month, as the partition key of events, both rollups and the links writes it (traits has one). */
  const OLD_PARTITION = new Date(OLD).getUTCFullYear() * 100 + new Date(OLD).getUTCMonth() + 1;

  const putSettings = (project: CreatedProject, extra: Partial<ProjectSettings>) =>
    fetch(`${t.url}/v1/projects/${project.id}/settings`, {
      method: 'PUT',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify({ healthWeights: WEIGHTS, keyFeatures: [], ...extra }),
    });

  const send = async (project: CreatedProject) => {
    const batch = [OLD, NEW].flatMap((ms) => {
      const tag = ms === OLD ? 'old' : 'new';
      return [
        {
          type: 'identify',
          userId: `u-${tag}`,
          traits: { plan: tag },
          timestamp: new Date(ms).toISOString(),
          messageId: `${tag}-identify`,
        },
        {
          type: 'track',
          event: 'Report Built',
          userId: `u-${tag}`,
          properties: { feature: 'reports' },
          context: { groupId: `acct-${tag}` },
          timestamp: new Date(ms).toISOString(),
          messageId: `${tag}-track`,
        },
      ];
    });
    const res = await postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(project.writeKey) });
    expect(res.status).toBe(200);
  };

  const rows = async <T>(query: string, projectId: string): Promise<T[]> => {
    const result = await ch.query({ query, query_params: { projectId }, format: 'JSONEachRow' });
    return result.json<T>();
  };

  /** What each table holds of the project: who, and until when it is kept. */
  const stored = async (projectId: string) => ({
    events: await rows<{ event_id: string; retain_until: string }>(
      `SELECT event_id, retain_until FROM events WHERE project_id = {projectId:UUID} ORDER BY event_id`,
      projectId,
    ),
    traits: await rows<{ subject_id: string; retain_until: string }>(
      `SELECT subject_id, retain_until FROM traits WHERE project_id = {projectId:UUID} ORDER BY subject_id`,
      projectId,
    ),
    activity: await rows<{ user_id: string; retain_until: string }>(
      `SELECT user_id, max(retain_until) AS retain_until FROM activity_daily WHERE project_id = {projectId:UUID}
       GROUP BY user_id ORDER BY user_id`,
      projectId,
    ),
    features: await rows<{ user_id: string; retain_until: string }>(
      `SELECT user_id, max(retain_until) AS retain_until FROM feature_daily WHERE project_id = {projectId:UUID}
       GROUP BY user_id ORDER BY user_id`,
      projectId,
    ),
    links: await rows<{ to_id: string; retain_until: string }>(
      `SELECT to_id, max(retain_until) AS retain_until FROM identity_links WHERE project_id = {projectId:UUID}
       GROUP BY to_id ORDER BY to_id`,
      projectId,
    ),
  });

  /** Applies every table's TTL to the old rows' partition now, as the engine's merges would in time. */
  const applyTtl = async () => {
    for (const { table } of RETAINED_TABLES) {
      const partition = table === 'traits' ? '' : ` IN PARTITION ${OLD_PARTITION}`;
      await ch.command({
        query: `ALTER TABLE ${table} MATERIALIZE TTL${partition}`,
        clickhouse_settings: { mutations_sync: '2' },
      });
    }
  };

  const mutationsDone = () =>
    until(
      'the re-dating mutations to finish',
      async () => rows<{ n: string }>(`SELECT count() AS n FROM system.mutations WHERE NOT is_done`, ''),
      ([r]) => Number(r?.n) === 0,
    );

  const everywhere = (expected: { event: string[]; user: string[] }, until: (tag: string) => string) => ({
    events: expected.event.map((id) => ({ event_id: id, retain_until: until(id.split('-')[0]!) })),
    traits: expected.user.map((u) => ({ subject_id: u, retain_until: until(u.split('-')[1]!) })),
    activity: expected.user.map((u) => ({ user_id: u, retain_until: until(u.split('-')[1]!) })),
    features: expected.user.map((u) => ({ user_id: u, retain_until: until(u.split('-')[1]!) })),
    links: expected.user.map((u) => ({ to_id: u, retain_until: until(u.split('-')[1]!) })),
  });
  const at = (tag: string) => (tag === 'old' ? OLD : NEW);
  const after = (days: number) => (tag: string) => chTime(at(tag) + days * DAY);

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    ch = t.app.get<ClickHouseClient>(CLICKHOUSE);
    kept = await t.createProject('retention-kept');
    other = await t.createProject('retention-forever');
  });
  afterAll(() => t.close(), 120_000);

  it('keeps events forever by default and refuses a retention out of range', async () => {
    const res = await getJson<ProjectSettings>(`${t.url}/v1/projects/${kept.id}/settings`, kept.secretKey);
    expect(res.body).not.toHaveProperty('eventRetentionDays');
    for (const bad of [0, 3651, 1.5, null]) {
      const refused = await putSettings(kept, { eventRetentionDays: bad as number });
      expect([bad, refused.status]).toEqual([bad, 400]);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBeDefined();
    }
  });

  it('deletes a project’s events older than its retention, and the rows derived from them', async () => {
    expect((await putSettings(kept, { eventRetentionDays: RETENTION_DAYS })).status).toBe(200);
    await send(kept);
    await send(other);
    await applyTtl();

    expect(await stored(kept.id)).toEqual(
      everywhere({ event: ['new-identify', 'new-track'], user: ['u-new'] }, after(RETENTION_DAYS)),
    );
    expect(await stored(other.id)).toEqual(
      everywhere(
        { event: ['new-identify', 'new-track', 'old-identify', 'old-track'], user: ['u-new', 'u-old'] },
        () => FOREVER,
      ),
    );
  }, 300_000);

  it('re-dates stored rows when the setting changes, so that the TTL deletes what is now too old', async () => {
    expect((await putSettings(other, { eventRetentionDays: RETENTION_DAYS })).status).toBe(200);
    await mutationsDone();
    // A mutation rewrites the parts it changes and applies the TTL as it does: the old rows may be gone already.
    await applyTtl();
    expect(await stored(other.id)).toEqual(
      everywhere({ event: ['new-identify', 'new-track'], user: ['u-new'] }, after(RETENTION_DAYS)),
    );

    expect((await putSettings(kept, {})).status).toBe(200);
    await mutationsDone();
    expect(await stored(kept.id)).toEqual(
      everywhere({ event: ['new-identify', 'new-track'], user: ['u-new'] }, () => FOREVER),
    );
    expect(await stored(other.id)).toEqual(
      everywhere({ event: ['new-identify', 'new-track'], user: ['u-new'] }, after(RETENTION_DAYS)),
    );
  }, 300_000);

  it('re-dates again the events ingest stamped with its copy of the previous setting after a change', async () => {
    const late = await t.createProject('retention-late');
    const track = async (messageId: string) => {
      const event = { type: 'track', event: 'Report Built', userId: 'u-late', messageId };
      const batch = [
        { ...event, properties: { feature: 'reports' }, timestamp: new Date(NEW).toISOString() },
      ];
      const res = await postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(late.writeKey) });
      expect(res.status).toBe(200);
    };
    const eventDates = async () =>
      (await stored(late.id)).events.map((e) => [e.event_id, e.retain_until] as [string, string]);

    // Ingest reads the project's retention (none yet: kept until deleted) and keeps its copy for a while.
    await track('before-change');
    const read = Date.now();
    expect((await putSettings(late, { eventRetentionDays: RETENTION_DAYS })).status).toBe(200);
    await track('after-change');
    const sent = Date.now();
    // The event sent right after the change carries the previous date, unless ingest's copy had expired.
    const afterChange = new Map(await eventDates()).get('after-change');
    expect(afterChange === FOREVER || sent - read >= RETENTION_CACHE_MS).toBe(true);

    const dated = after(RETENTION_DAYS)('new');
    const all = await until(
      'the second re-dating',
      eventDates,
      (events) => events.length === 2 && events.every(([, date]) => date === dated),
      REDATE_AGAIN_AFTER_MS + 30_000,
    );
    expect(all).toEqual([
      ['after-change', dated],
      ['before-change', dated],
    ]);
  }, 300_000);
});
