import { randomUUID } from 'node:crypto';
import { type CreatedProject } from '@bindery/contracts';
import {
  basic,
  bearer,
  createPostgresSchema,
  getJson,
  postJson,
  startTestApp,
  type TestApp,
  type TestSchema,
} from '@bindery/testing';
// This test runs the api and ingest apps side by side, as deployed; no lib may import an app.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the test composes apps, it is not a lib
import { ApiAppModule } from '../../api/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- idem
import { IngestAppModule } from '../../ingest/src/app.module';
import { StandaloneModule } from '../src/app.module';

/** The distributed mode: ingest and api as separate apps over one PostgreSQL server and one ClickHouse. */
describe('ingest and api apps over the PostgreSQL server', () => {
  let schema: TestSchema;
  let api: TestApp;
  let ingest: TestApp;
  let project: CreatedProject;

  beforeAll(async () => {
    schema = await createPostgresSchema();
    api = await startTestApp((config) => ApiAppModule.forRoot(config), { DATABASE_URL: schema.url });
    ingest = await startTestApp((config) => IngestAppModule.forRoot(config), {
      DATABASE_URL: schema.url,
      KEY_CACHE_TTL_MS: '0',
    });
    project = await api.createProject('distributed');
  });
  afterAll(async () => {
    await ingest?.close();
    await api?.close();
    await schema?.drop();
  });

  it('events sent to ingest are read through the api', async () => {
    const ids = [randomUUID(), randomUUID()];
    const res = await postJson(
      `${ingest.url}/v1/batch`,
      { batch: ids.map((messageId) => ({ type: 'track', messageId, userId: 'd', event: 'Distributed' })) },
      { authorization: basic(project.writeKey) },
    );
    expect(res.status).toBe(200);
    const events = await getJson(
      `${api.url}/v1/projects/${project.id}/events?event=Distributed`,
      project.secretKey,
    );
    expect(events.body.events.map((e: { id: string }) => e.id).sort()).toEqual([...ids].sort());
  });

  it('a key rotated through the api stops working at the ingest (no key cache configured there)', async () => {
    const rotated = await postJson(
      `${api.url}/v1/projects/${project.id}/keys/rotate`,
      { kind: 'write' },
      { authorization: bearer(api.adminToken) },
    );
    expect(rotated.status).toBe(200);
    const body = { batch: [{ type: 'track', userId: 'd', event: 'After' }] };
    expect(
      (await postJson(`${ingest.url}/v1/batch`, body, { authorization: basic(project.writeKey) })).status,
    ).toBe(401);
    expect(
      (await postJson(`${ingest.url}/v1/batch`, body, { authorization: basic(rotated.body.key) })).status,
    ).toBe(200);
  });

  it('each app serves its own routes only', async () => {
    expect((await postJson(`${api.url}/v1/batch`, { batch: [] })).status).toBe(404);
    expect((await getJson(`${ingest.url}/v1/projects/${project.id}/events`, project.secretKey)).status).toBe(
      404,
    );
    expect((await getJson(`${ingest.url}/readyz`)).status).toBe(200);
  });
});

describe('readiness and overload', () => {
  it('/readyz answers 503 naming the dependency that does not answer', async () => {
    const t = await startTestApp((config) => IngestAppModule.forRoot(config), {
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    try {
      const res = await getJson(`${t.url}/readyz`);
      expect(res.status).toBe(503);
      expect(res.body.status).toBe('unavailable');
      expect(res.body.checks.clickhouse).toBe('ok');
      expect(res.body.checks.postgres).toBe('ok');
      expect(res.body.checks.redis).toMatch(/^error: /);
    } finally {
      await t.close();
    }
  });

  it("answers 429 with Retry-After past a project's rate limit, other projects unaffected", async () => {
    const t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      // One event a second, bursts of two: the second batch right after the first would need two seconds of
      // refill, far more than any loaded machine takes between the two requests.
      INGEST_RATE_LIMIT_PER_SECOND: '1',
    });
    try {
      const [p, q] = [await t.createProject('limited'), await t.createProject('other')];
      const batch = {
        batch: Array.from({ length: 2 }, () => ({ type: 'track', userId: 'r', event: 'Rate' })),
      };
      expect((await postJson(`${t.url}/v1/batch`, batch, { authorization: basic(p.writeKey) })).status).toBe(
        200,
      );
      const limited = await postJson(`${t.url}/v1/batch`, batch, { authorization: basic(p.writeKey) });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await postJson(`${t.url}/v1/batch`, batch, { authorization: basic(q.writeKey) })).status).toBe(
        200,
      );
    } finally {
      await t.close();
    }
  });

  it('answers 503 with Retry-After when the ingest buffer is full, and stores what it acknowledged', async () => {
    const t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      INGEST_MAX_BUFFERED_EVENTS: '150',
      INGEST_FLUSH_INTERVAL_MS: '300',
      INGEST_FLUSH_EVENTS: '100000',
    });
    try {
      const p = await t.createProject('overload');
      const batch = () => ({
        batch: Array.from({ length: 100 }, () => ({
          type: 'track',
          messageId: randomUUID(),
          userId: 'o',
          event: 'Load',
        })),
      });
      const answers = await Promise.all(
        [1, 2, 3].map(() => postJson(`${t.url}/v1/batch`, batch(), { authorization: basic(p.writeKey) })),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 503, 503]);
      const refused = answers.find((a) => a.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.error.code).toBe('unavailable');
      const stored = await getJson(`${t.url}/v1/projects/${p.id}/event-definitions`, p.secretKey);
      expect(stored.body.definitions).toEqual([expect.objectContaining({ event: 'Load', count: 100 })]);
    } finally {
      await t.close();
    }
  });
});
