import { randomUUID } from 'node:crypto';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { basic, bearer, getJson, nth, postJson, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

describe('ingest over HTTP (Segment and PostHog wire formats) into chDB', () => {
  let t: TestApp;
  let project: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config));
    project = await t.createProject('ingest');
  });
  afterAll(() => t.close());

  async function events(p: CreatedProject, query = ''): Promise<StoredEvent[]> {
    const res = await getJson<{ events: StoredEvent[] }>(
      `${t.url}/v1/projects/${p.id}/events?limit=1000${query}`,
      p.secretKey,
    );
    expect(res.status).toBe(200);
    return res.body.events;
  }
  const byId = async (p: CreatedProject, id: string) => (await events(p)).filter((e) => e.id === id);

  describe('Segment', () => {
    it('stores a batch with its context merged into each item and reads it back', async () => {
      const userId = `u-${randomUUID()}`;
      const ids = [randomUUID(), randomUUID(), randomUUID()] as const;
      const res = await postJson(
        `${t.url}/v1/batch`,
        {
          context: { library: { name: 'analytics-test', version: '1.2.3' }, groupId: 'acct-1' },
          batch: [
            {
              type: 'track',
              messageId: ids[0],
              userId,
              event: 'Report Exported',
              properties: { feature: 'export', format: 'csv' },
            },
            {
              type: 'identify',
              messageId: ids[1],
              userId,
              traits: { email: 'ann@example.com', plan: 'pro' },
            },
            {
              type: 'page',
              messageId: ids[2],
              anonymousId: 'anon-1',
              name: 'Pricing',
              properties: { path: '/pricing' },
            },
          ],
        },
        { authorization: basic(project.writeKey) },
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, accepted: 3, rejected: [] });

      const [track] = await byId(project, ids[0]);
      expect(track).toMatchObject({
        type: 'track',
        event: 'Report Exported',
        feature: 'export',
        userId,
        accountId: 'acct-1',
        properties: { feature: 'export', format: 'csv' },
        library: { name: 'analytics-test', version: '1.2.3' },
        source: 'segment',
      });
      const [identify] = await byId(project, ids[1]);
      expect(identify).toMatchObject({
        type: 'identify',
        event: '$identify',
        traits: { email: 'ann@example.com', plan: 'pro' },
      });
      const [page] = await byId(project, ids[2]);
      expect(page).toMatchObject({
        type: 'page',
        event: '$page',
        userId: null,
        anonymousId: 'anon-1',
        properties: { name: 'Pricing', path: '/pricing' },
      });
    });

    it('accepts gzip bodies announced by Content-Encoding and unannounced (magic bytes)', async () => {
      const a = randomUUID();
      const b = randomUUID();
      const batch = (id: string) => ({
        batch: [{ type: 'track', messageId: id, userId: 'gz', event: 'Zipped' }],
      });
      expect(
        (
          await postJson(`${t.url}/v1/batch`, batch(a), {
            authorization: basic(project.writeKey),
            gzip: 'header',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await postJson(`${t.url}/v1/batch`, batch(b), {
            authorization: basic(project.writeKey),
            gzip: 'magic-bytes',
          })
        ).status,
      ).toBe(200);
      expect(await byId(project, a)).toHaveLength(1);
      expect(await byId(project, b)).toHaveLength(1);
    });

    it('serves every single-call endpoint with the key as Basic user, Bearer or writeKey in the body', async () => {
      const calls: [string, Record<string, unknown>, 'basic' | 'bearer' | 'body'][] = [
        ['track', { userId: 'one', event: 'Clicked' }, 'basic'],
        ['identify', { userId: 'one', traits: { name: 'One' } }, 'bearer'],
        ['group', { userId: 'one', groupId: 'acct-one', traits: { mrr: 99 } }, 'body'],
        ['page', { userId: 'one', name: 'Home' }, 'basic'],
        ['screen', { userId: 'one', name: 'Settings' }, 'bearer'],
        ['alias', { userId: 'one', previousId: 'anon-one' }, 'body'],
      ];
      for (const [type, message, how] of calls) {
        const messageId = randomUUID();
        const body = { ...message, messageId, ...(how === 'body' ? { writeKey: project.writeKey } : {}) };
        const authorization =
          how === 'basic' ? basic(project.writeKey) : how === 'bearer' ? bearer(project.writeKey) : undefined;
        const res = await postJson(`${t.url}/v1/${type}`, body, { authorization });
        expect({ type, status: res.status }).toEqual({ type, status: 200 });
        const [stored] = await byId(project, messageId);
        expect(stored?.type).toBe(type);
        expect(stored?.userId).toBe('one');
      }
      const [group] = (await events(project, '&accountId=acct-one')).filter((e) => e.type === 'group');
      expect(group?.traits).toEqual({ mrr: 99 });
    });

    it('stores an event sent twice (a client retry) once', async () => {
      const messageId = randomUUID();
      const now = Date.now();
      for (const sentAt of [now, now + 1500]) {
        const res = await postJson(
          `${t.url}/v1/batch`,
          {
            sentAt: new Date(sentAt).toISOString(),
            batch: [
              {
                type: 'track',
                messageId,
                userId: 'dup',
                event: 'Retried',
                timestamp: new Date(now - 1000).toISOString(),
              },
            ],
          },
          { authorization: basic(project.writeKey) },
        );
        expect(res.status).toBe(200);
      }
      expect(await byId(project, messageId)).toHaveLength(1);
      const defs = await getJson<{ definitions: { event: string; count: number }[] }>(
        `${t.url}/v1/projects/${project.id}/event-definitions`,
        project.secretKey,
      );
      expect(defs.body.definitions.find((d) => d.event === 'Retried')?.count).toBe(1);
    });

    it('corrects the timestamp for the client clock: receivedAt − (sentAt − timestamp)', async () => {
      const messageId = randomUUID();
      const clientAhead = 3_600_000;
      const before = Date.now();
      const clientNow = before + clientAhead;
      await postJson(
        `${t.url}/v1/batch`,
        {
          sentAt: new Date(clientNow).toISOString(),
          batch: [
            {
              type: 'track',
              messageId,
              userId: 'skew',
              event: 'Skewed',
              timestamp: new Date(clientNow - 10_000).toISOString(),
            },
          ],
        },
        { authorization: basic(project.writeKey) },
      );
      const after = Date.now();
      const stored = nth(await byId(project, messageId), 0);
      const ts = Date.parse(stored.timestamp);
      expect(ts).toBeGreaterThanOrEqual(before - 10_000);
      expect(ts).toBeLessThanOrEqual(after - 10_000);
    });

    it('stores the valid items of a batch and lists the invalid ones with index and reason', async () => {
      const good = randomUUID();
      const res = await postJson(
        `${t.url}/v1/batch`,
        {
          batch: [
            { type: 'track', userId: 'x' },
            { type: 'track', messageId: good, userId: 'x', event: 'Good' },
            { type: 'track', event: 'No identity' },
            { type: 'teleport', userId: 'x' },
            'not an object',
            { type: 'track', userId: 'x', event: 'Bad time', timestamp: 'yesterday' },
          ],
        },
        { authorization: basic(project.writeKey) },
      );
      expect(res.status).toBe(200);
      expect(res.body.accepted).toBe(1);
      expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
        [0, 'invalid_event'],
        [2, 'missing_identity'],
        [3, 'invalid_type'],
        [4, 'invalid_type'],
        [5, 'invalid_event'],
      ]);
      expect(res.body.rejected[0].message).toContain('event');
      expect(await byId(project, good)).toHaveLength(1);
    });

    it('answers 400 when no item of a batch is valid, with the reasons', async () => {
      const res = await postJson(
        `${t.url}/v1/batch`,
        { batch: [{ type: 'track', userId: 'x' }] },
        { authorization: basic(project.writeKey) },
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(res.body.error.details.rejected[0]).toMatchObject({ index: 0, code: 'invalid_event' });
    });

    it('answers 400 to malformed JSON and to a body that is no batch', async () => {
      const malformed = await postJson(`${t.url}/v1/batch`, null, {
        raw: '{"batch": [',
        authorization: basic(project.writeKey),
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('invalid_input');
      const noBatch = await postJson(
        `${t.url}/v1/batch`,
        { items: [] },
        { authorization: basic(project.writeKey) },
      );
      expect(noBatch.status).toBe(400);
      expect(noBatch.body.error.code).toBe('invalid_input');
    });

    it('answers 401 to a missing or unknown write key, and to a secret key used for ingest', async () => {
      const body = { batch: [{ type: 'track', userId: 'x', event: 'E' }] };
      for (const authorization of [undefined, basic('wk_unknown'), basic(project.secretKey)]) {
        const res = await postJson(`${t.url}/v1/batch`, body, { authorization });
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
    });

    it('answers 413 to a batch over 500 KB and to a single event over 32 KB', async () => {
      const big = 'x'.repeat(1000);
      const batch = Array.from({ length: 600 }, (_, i) => ({
        type: 'track',
        userId: 'big',
        event: 'Big',
        properties: { i, big },
      }));
      const tooBig = await postJson(
        `${t.url}/v1/batch`,
        { batch },
        { authorization: basic(project.writeKey) },
      );
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe('payload_too_large');

      const gzipped = await postJson(
        `${t.url}/v1/batch`,
        { batch },
        { authorization: basic(project.writeKey), gzip: 'header' },
      );
      expect(gzipped.status).toBe(413);

      const huge = { userId: 'big', event: 'Huge', properties: { blob: 'y'.repeat(40_000) } };
      const single = await postJson(`${t.url}/v1/track`, huge, { authorization: basic(project.writeKey) });
      expect(single.status).toBe(413);
      expect(single.body.error.code).toBe('payload_too_large');

      const fine = randomUUID();
      const mixed = await postJson(
        `${t.url}/v1/batch`,
        {
          batch: [
            { type: 'track', ...huge },
            { type: 'track', messageId: fine, userId: 'big', event: 'Fine' },
          ],
        },
        { authorization: basic(project.writeKey) },
      );
      expect(mixed.status).toBe(200);
      expect(mixed.body.rejected).toEqual([
        { index: 0, code: 'payload_too_large', message: expect.any(String) },
      ]);
      expect(await byId(project, fine)).toHaveLength(1);
    });
  });

  describe('PostHog', () => {
    it('maps $identify, $groupidentify, $create_alias, $groups and uuid from a gzip /batch/', async () => {
      const uuids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()] as const;
      const res = await postJson(
        `${t.url}/batch/`,
        {
          api_key: project.writeKey,
          sent_at: new Date().toISOString(),
          batch: [
            {
              event: '$identify',
              distinct_id: 'ph-user',
              uuid: uuids[0],
              properties: { $set: { email: 'ph@example.com' }, $anon_distinct_id: 'ph-anon' },
            },
            {
              event: '$groupidentify',
              distinct_id: '$company_acme',
              uuid: uuids[1],
              properties: {
                $group_type: 'company',
                $group_key: 'acme',
                $group_set: { name: 'Acme', mrr: 500 },
              },
            },
            {
              event: '$create_alias',
              distinct_id: 'ph-user',
              uuid: uuids[2],
              properties: { alias: 'ph-old' },
            },
            {
              event: 'dashboard viewed',
              distinct_id: 'ph-user',
              uuid: uuids[3],
              timestamp: new Date().toISOString(),
              properties: {
                $groups: { company: 'acme' },
                $lib: 'posthog-node',
                $lib_version: '5.0.0',
                $session_id: 's1',
              },
            },
          ],
        },
        { gzip: 'magic-bytes', headers: { 'content-type': 'text/plain' } },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 1, accepted: 4, rejected: [] });

      const [identify] = await byId(project, uuids[0]);
      expect(identify).toMatchObject({
        type: 'identify',
        userId: 'ph-user',
        anonymousId: 'ph-anon',
        traits: { email: 'ph@example.com' },
      });
      const [group] = await byId(project, uuids[1]);
      expect(group).toMatchObject({
        type: 'group',
        accountId: 'acme',
        userId: null,
        traits: { name: 'Acme', mrr: 500 },
      });
      const [alias] = await byId(project, uuids[2]);
      expect(alias).toMatchObject({ type: 'alias', userId: 'ph-user', properties: { previousId: 'ph-old' } });
      const [viewed] = await byId(project, uuids[3]);
      expect(viewed).toMatchObject({
        type: 'track',
        event: 'dashboard viewed',
        accountId: 'acme',
        sessionId: 's1',
        library: { name: 'posthog-node', version: '5.0.0' },
        source: 'posthog',
      });
    });

    it('accepts one event on /capture/, an array on /e/ and a token in properties on /i/v0/e/', async () => {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
      const one = await postJson(`${t.url}/capture/`, {
        api_key: project.writeKey,
        event: 'one',
        distinct_id: 'p',
        uuid: a,
      });
      expect(one.status).toBe(200);
      const arr = await postJson(
        `${t.url}/e/`,
        [{ event: 'two', distinct_id: 'p', uuid: b, properties: { token: project.writeKey } }],
        {
          gzip: 'header',
        },
      );
      expect(arr.status).toBe(200);
      const v0 = await postJson(`${t.url}/i/v0/e/`, {
        event: 'three',
        distinct_id: 'p',
        uuid: c,
        properties: { token: project.writeKey },
      });
      expect(v0.status).toBe(200);
      for (const id of [a, b, c]) expect(await byId(project, id)).toHaveLength(1);
    });

    it('answers 401 to an unknown token and 400 to an event without a name', async () => {
      const unknown = await postJson(`${t.url}/batch/`, {
        api_key: 'wk_nope',
        batch: [{ event: 'x', distinct_id: 'p' }],
      });
      expect(unknown.status).toBe(401);
      const nameless = await postJson(`${t.url}/capture/`, {
        api_key: project.writeKey,
        distinct_id: 'p',
        properties: {},
      });
      expect(nameless.status).toBe(400);
      expect(nameless.body.error.code).toBe('invalid_input');
    });
  });

  describe('projects and keys', () => {
    it('keeps projects apart: a secret key reads its own project only', async () => {
      const other = await t.createProject('other');
      const mine = randomUUID();
      const theirs = randomUUID();
      await postJson(
        `${t.url}/v1/track`,
        { userId: 'a', event: 'Mine', messageId: mine },
        { authorization: basic(project.writeKey) },
      );
      await postJson(
        `${t.url}/v1/track`,
        { userId: 'a', event: 'Theirs', messageId: theirs },
        { authorization: basic(other.writeKey) },
      );

      expect((await events(other)).map((e) => e.id)).toEqual([theirs]);
      expect((await byId(project, theirs)).length).toBe(0);
      expect((await byId(project, mine)).length).toBe(1);

      const crossed = await getJson(`${t.url}/v1/projects/${other.id}/events`, project.secretKey);
      expect(crossed.status).toBe(403);
      expect(crossed.body.error.code).toBe('forbidden');
      const noKey = await getJson(`${t.url}/v1/projects/${other.id}/events`);
      expect(noKey.status).toBe(401);
    });

    it('rotating the write key revokes the old one at once', async () => {
      const p = await t.createProject('rotate');
      const res = await postJson(
        `${t.url}/v1/projects/${p.id}/keys/rotate`,
        { kind: 'write' },
        { authorization: bearer(p.secretKey) },
      );
      expect(res.status).toBe(200);
      expect(res.body.key).toMatch(/^wk_/);
      const body = { batch: [{ type: 'track', userId: 'r', event: 'After rotation' }] };
      expect((await postJson(`${t.url}/v1/batch`, body, { authorization: basic(p.writeKey) })).status).toBe(
        401,
      );
      expect((await postJson(`${t.url}/v1/batch`, body, { authorization: basic(res.body.key) })).status).toBe(
        200,
      );
    });

    it('names the project a secret key opens, and no project for a write or unknown key', async () => {
      const me = await getJson(`${t.url}/v1/me`, project.secretKey);
      expect(me.status).toBe(200);
      expect(me.body).toEqual({ projectId: project.id, name: project.name });
      expect((await getJson(`${t.url}/v1/me`, project.writeKey)).status).toBe(401);
      expect((await getJson(`${t.url}/v1/me`, 'sk_unknown')).status).toBe(401);
      expect((await getJson(`${t.url}/v1/me`)).status).toBe(401);
    });

    it('creates projects only with the admin token', async () => {
      const res = await postJson(
        `${t.url}/v1/projects`,
        { name: 'x' },
        { authorization: bearer(project.secretKey) },
      );
      expect(res.status).toBe(401);
      const bad = await postJson(
        `${t.url}/v1/projects`,
        { name: '' },
        { authorization: bearer(t.adminToken) },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_input');
    });
  });

  describe('event explorer', () => {
    it('filters by event, user and time range, newest first, and pages with a cursor', async () => {
      const p = await t.createProject('explorer');
      const base = Date.parse('2026-01-10T12:00:00Z');
      const batch = Array.from({ length: 7 }, (_, i) => ({
        type: 'track',
        messageId: `e${i}`,
        userId: i % 2 === 0 ? 'even' : 'odd',
        event: i < 5 ? 'Step' : 'Other',
        timestamp: new Date(base + i * 60_000).toISOString(),
      }));
      await postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(p.writeKey) });

      const ids = (list: StoredEvent[]) => list.map((e) => e.id);
      expect(ids(await events(p))).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
      expect(ids(await events(p, '&event=Step&userId=even'))).toEqual(['e4', 'e2', 'e0']);
      const from = new Date(base + 2 * 60_000).toISOString();
      const to = new Date(base + 5 * 60_000).toISOString();
      expect(ids(await events(p, `&from=${from}&to=${to}`))).toEqual(['e4', 'e3', 'e2']);

      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { events: StoredEvent[]; nextCursor: string | null } } = await getJson(
          `${t.url}/v1/projects/${p.id}/events?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          p.secretKey,
        );
        seen.push(...ids(page.body.events));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0']);

      const badCursor = await getJson(`${t.url}/v1/projects/${p.id}/events?cursor=nonsense`, p.secretKey);
      expect(badCursor.status).toBe(400);
      const badLimit = await getJson(`${t.url}/v1/projects/${p.id}/events?limit=5000`, p.secretKey);
      expect(badLimit.status).toBe(400);
    });

    it('pages through events of any age, newest first, each retried event once', async () => {
      const p = await t.createProject('explorer-ages');
      const now = Date.now();
      const hour = 3_600_000;
      // From an hour ahead (a client clock a little fast) back to 400 days, more than the first windows read.
      const ages = [-1, 0, 1, 30, 47, 70, 24 * 3, 24 * 10, 24 * 40, 24 * 120, 24 * 400];
      const batch = ages.map((age, i) => ({
        type: 'track',
        messageId: `age-${i}`,
        userId: 'u',
        event: 'Seen',
        timestamp: new Date(now - age * hour).toISOString(),
      }));
      await postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(p.writeKey) });
      // Retries of three of them, in inserts of their own: second rows until the engine merges them.
      for (const i of [0, 5, 9]) {
        await postJson(`${t.url}/v1/batch`, { batch: [batch[i]] }, { authorization: basic(p.writeKey) });
      }
      const expected = batch.map((e) => e.messageId);

      for (const limit of [1, 2, 4, 100]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: { body: { events: StoredEvent[]; nextCursor: string | null } } = await getJson(
            `${t.url}/v1/projects/${p.id}/events?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
            p.secretKey,
          );
          seen.push(...page.body.events.map((e) => e.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(expected);
      }
      const to = new Date(now - 24 * 20 * hour).toISOString();
      const older = await getJson<{ events: StoredEvent[] }>(
        `${t.url}/v1/projects/${p.id}/events?limit=1&to=${to}`,
        p.secretKey,
      );
      expect(older.body.events.map((e) => e.id)).toEqual(['age-8']);
    });

    it('shows a retried event once in a person’s timeline and the explorer, where its last copy puts it', async () => {
      const p = await t.createProject('timeline-retries');
      const hour = 3_600_000;
      // Yesterday from 06:00 to 15:00 UTC: every copy falls on one day, whatever the time of the run.
      const noon = Math.floor(Date.now() / (24 * hour)) * 24 * hour - 12 * hour;
      const at = (h: number) => new Date(noon + h * hour).toISOString();
      // Sent as they happened (sentAt = now: no clock correction beyond the network's milliseconds).
      const send = (batch: object[], sentAt = new Date().toISOString()) =>
        postJson(`${t.url}/v1/batch`, { batch, sentAt }, { authorization: basic(p.writeKey) });
      const track = (messageId: string, h: number) => ({
        type: 'track',
        messageId,
        userId: 'pat',
        event: 'Seen',
        timestamp: at(h),
      });
      const retried = track('retried', -6);
      await send([track('e1', 3), retried, track('e2', -2), track('e3', -4)]);
      // The retry's clock was 8 hours behind when it sent: its copy is corrected to 14:00, later than e2 and e3
      // where the first copy (06:00) is older than both. The retry, received last, is the copy `events` keeps.
      await send([retried], new Date(Date.now() - 8 * hour).toISOString());
      const expected = ['e1', 'retried', 'e2', 'e3'];

      for (const path of [`people/pat/events`, `events`]) {
        for (const limit of [1, 2, 3, 100]) {
          const seen: StoredEvent[] = [];
          let cursor: string | null = null;
          do {
            const page: { body: { events: StoredEvent[]; nextCursor: string | null } } = await getJson(
              `${t.url}/v1/projects/${p.id}/${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
              p.secretKey,
            );
            seen.push(...page.body.events);
            cursor = page.body.nextCursor;
          } while (cursor);
          expect(seen.map((e) => e.id)).toEqual(expected);
          const copy = seen[1]!;
          expect(Math.abs(Date.parse(copy.timestamp) - (noon + 2 * hour))).toBeLessThan(60_000);
        }
      }
    });
  });

  describe('operations', () => {
    it('reports readiness of ClickHouse, Postgres and Redis, metrics and the OpenAPI document', async () => {
      const ready = await getJson(`${t.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({
        status: 'ready',
        checks: { clickhouse: 'ok', postgres: 'ok', redis: 'ok' },
      });
      expect((await getJson(`${t.url}/healthz`)).body).toEqual({ status: 'ok' });

      const metrics = await (await fetch(`${t.url}/metrics`)).text();
      expect(metrics).toMatch(/bindery_ingest_accepted_events_total\{source="segment"\} [1-9]/);
      expect(metrics).toMatch(
        /bindery_ingest_rejected_events_total\{source="segment",reason="missing_identity"\} [1-9]/,
      );
      expect(metrics).toContain('bindery_ingest_insert_seconds_bucket');
      expect(metrics).toContain('bindery_ingest_buffered_events');

      const docs = await getJson(`${t.url}/docs/json`);
      expect(Object.keys(docs.body.paths)).toEqual(
        expect.arrayContaining([
          '/v1/batch',
          '/v1/track',
          '/batch',
          '/v1/projects',
          '/v1/projects/{projectId}/events',
        ]),
      );
    });

    it('answers an unknown API route with the JSON error shape', async () => {
      for (const path of ['/v1/nowhere', '/nowhere']) {
        const res = await postJson(`${t.url}${path}`, {});
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
      const res = await getJson(`${t.url}/v1/nowhere`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
  });

  describe('browsers on other origins', () => {
    it('may post events: the ingest paths answer CORS preflights and posts', async () => {
      const origin = 'https://app.customer.example';
      const preflight = await fetch(`${t.url}/v1/batch`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      const post = await fetch(`${t.url}/capture/`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: project.writeKey, event: 'x', distinct_id: 'u-cors' }),
      });

      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin')).toBe(origin);
    });

    it('may not read the project APIs', async () => {
      const res = await fetch(`${t.url}/v1/projects/${project.id}/events`, {
        headers: { origin: 'https://evil.example', authorization: `Bearer ${project.secretKey}` },
      });

      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
});
