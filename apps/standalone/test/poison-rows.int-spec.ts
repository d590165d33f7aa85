import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import {
  basic,
  getJson,
  type JsonResponse,
  nth,
  postJson,
  startTestApp,
  type TestApp,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

/** Requests of the neighbouring project sent at the same moment as each poison request. */
const NEIGHBOUR_REQUESTS = 20;
const NEIGHBOUR_EVENTS = 5;
const DAY_MS = 86_400_000;

/** JSON text of an object nested `depth` levels deep: built as text, since JSON.stringify would overflow the stack. */
const deepJson = (depth: number) => `${'{"a":'.repeat(depth - 1)}{"leaf":1}${'}'.repeat(depth - 1)}`;

/**
 * One poison row per test, each sent by project A while project B has requests in flight at the same moment
 * (a long group-commit window makes them share inserts): B's requests are all answered 2xx and each of its
 * events is stored once; the poison item is refused with its index and a reason, or stored made safe; the
 * valid items of A's batch are stored; and A's event explorer still answers.
 */
describe('poison rows: a bad item fails only itself, never another project', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Every request of a test lands in the same insert window.
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { INGEST_FLUSH_INTERVAL_MS: '250' });
  });
  afterAll(() => t.close());

  async function events(p: CreatedProject): Promise<StoredEvent[]> {
    const res = await getJson<{ events: StoredEvent[] }>(
      `${t.url}/v1/projects/${p.id}/events?limit=1000`,
      p.secretKey,
    );
    expect(res.status).toBe(200);
    return res.body.events;
  }

  /** Fires B's requests and `poison` together; checks B's requests and events, then returns the poison's answer. */
  async function alongsideNeighbour<T>(poison: () => Promise<JsonResponse<T>>): Promise<JsonResponse<T>> {
    const b = await t.createProject('neighbour');
    const ids = Array.from({ length: NEIGHBOUR_REQUESTS }, () =>
      Array.from({ length: NEIGHBOUR_EVENTS }, () => randomUUID()),
    );
    const neighbour = ids.map((batch) =>
      postJson(
        `${t.url}/v1/batch`,
        {
          batch: batch.map((messageId) => ({ type: 'track', messageId, userId: 'b-user', event: 'B Used' })),
        },
        { authorization: basic(b.writeKey) },
      ),
    );
    const [answer, ...answers] = await Promise.all([poison(), ...neighbour]);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    const stored = (await events(b)).map((e) => e.id).sort();
    expect(stored).toEqual(ids.flat().sort());
    return answer;
  }

  /** A's explorer still answers, and every definition was first seen no later than last seen. */
  async function explorerStillAnswers(a: CreatedProject): Promise<void> {
    await events(a);
    const defs = await getJson<{ definitions: { firstSeen: string; lastSeen: string }[] }>(
      `${t.url}/v1/projects/${a.id}/event-definitions`,
      a.secretKey,
    );
    expect(defs.status).toBe(200);
    for (const d of defs.body.definitions)
      expect(Date.parse(d.firstSeen)).toBeLessThanOrEqual(Date.parse(d.lastSeen));
  }

  const track = (over: Record<string, unknown> = {}) => ({
    type: 'track',
    messageId: randomUUID(),
    userId: 'a-user',
    event: 'A Used',
    ...over,
  });

  it('stores a lone surrogate in an event name, a property key or value and an id as U+FFFD', async () => {
    const a = await t.createProject('surrogate');
    const poison = track({
      event: 'Bad \ud800 name',
      userId: 'user \udc00',
      properties: { 'key \ud800': 'value \udbff', list: ['\ud800x'] },
    });
    const good = [track(), track()] as const;
    const res = await alongsideNeighbour(() =>
      postJson(
        `${t.url}/v1/batch`,
        { batch: [good[0], poison, good[1]] },
        { authorization: basic(a.writeKey) },
      ),
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accepted: 3, rejected: [] });
    const stored = await events(a);
    expect(stored.map((e) => e.id).sort()).toEqual([good[0], poison, good[1]].map((e) => e.messageId).sort());
    expect(stored.find((e) => e.id === poison.messageId)).toMatchObject({
      event: 'Bad \ufffd name',
      feature: 'Bad \ufffd name',
      userId: 'user \ufffd',
      properties: { 'key \ufffd': 'value \ufffd', list: ['\ufffdx'] },
    });
    await explorerStillAnswers(a);
  });

  it('cuts a 199-letter feature followed by an emoji by code points, keeping the emoji whole', async () => {
    const a = await t.createProject('emoji');
    const letters = 'f'.repeat(199);
    const kept = track({ properties: { feature: `${letters}😀` } });
    const cut = track({ properties: { feature: `${letters}x😀` } });
    const res = await alongsideNeighbour(() =>
      postJson(`${t.url}/v1/batch`, { batch: [kept, cut] }, { authorization: basic(a.writeKey) }),
    );

    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    const stored = await events(a);
    expect(stored.find((e) => e.id === kept.messageId)?.feature).toBe(`${letters}😀`);
    expect(stored.find((e) => e.id === cut.messageId)?.feature).toBe(`${letters}x`);
    await explorerStillAnswers(a);
  });

  it('stores one batch with events in 120 distinct months, every one of them', async () => {
    const a = await t.createProject('history');
    const batch = Array.from({ length: 120 }, (_, i) =>
      track({ timestamp: new Date(Date.UTC(2010, i, 15, 12)).toISOString() }),
    );
    const res = await alongsideNeighbour(() =>
      postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(a.writeKey) }),
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accepted: 120, rejected: [] });
    const stored = await events(a);
    expect(stored.map((e) => e.id).sort()).toEqual(batch.map((e) => e.messageId).sort());
    expect(new Set(stored.map((e) => e.timestamp.slice(0, 7))).size).toBe(120);
    await explorerStillAnswers(a);
  });

  it('refuses timestamps out of bounds (1e20, before 2000, over a day ahead) with their index, stores the rest', async () => {
    const a = await t.createProject('time-bounds');
    const now = Date.now();
    const batch = [
      track({ timestamp: new Date(now - 60_000).toISOString() }),
      track({ timestamp: 1e20 }),
      track({ timestamp: '1999-12-31T23:59:59.999Z' }),
      track({ timestamp: new Date(now + 2 * DAY_MS).toISOString() }),
      track({ timestamp: -1e15 }),
      track({ timestamp: '9999-12-31T00:00:00Z' }),
      track({ timestamp: '2000-01-01T00:00:00Z' }),
    ];
    const res = await alongsideNeighbour(() =>
      postJson(`${t.url}/v1/batch`, { batch }, { authorization: basic(a.writeKey) }),
    );

    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'invalid_timestamp'],
      [2, 'invalid_timestamp'],
      [3, 'invalid_timestamp'],
      [4, 'invalid_timestamp'],
      [5, 'invalid_timestamp'],
    ]);
    expect(res.body.rejected[0].message).toMatch(/2000-01-01T00:00:00.000Z/);
    expect((await events(a)).map((e) => e.id).sort()).toEqual(
      [nth(batch, 0), nth(batch, 6)].map((e) => e.messageId).sort(),
    );
    await explorerStillAnswers(a);
  });

  it('refuses a PostHog event whose offset or timestamp is out of bounds', async () => {
    const a = await t.createProject('posthog-time');
    const uuids = [randomUUID(), randomUUID(), randomUUID()];
    const res = await alongsideNeighbour(() =>
      postJson(`${t.url}/batch/`, {
        api_key: a.writeKey,
        batch: [
          { event: 'ok', distinct_id: 'p', uuid: uuids[0] },
          { event: 'far', distinct_id: 'p', uuid: uuids[1], offset: 1e20 },
          { event: 'ahead', distinct_id: 'p', uuid: uuids[2], timestamp: 1e20 },
        ],
      }),
    );

    expect(res.status).toBe(200);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'invalid_timestamp'],
      [2, 'invalid_timestamp'],
    ]);
    expect((await events(a)).map((e) => e.id)).toEqual([uuids[0]]);
    await explorerStillAnswers(a);
  });

  it('refuses an item nested 5,000 deep on its own and stores the others of its batch', async () => {
    const a = await t.createProject('deep');
    const ids = [randomUUID(), randomUUID(), randomUUID(), randomUUID()] as const;
    const item = (id: string, extra = '') =>
      `{"type":"track","messageId":"${id}","userId":"a-user","event":"A Used"${extra}}`;
    const raw = `{"batch":[${[
      item(ids[0]),
      item(ids[1], `,"properties":${deepJson(5_000)}`),
      item(ids[2], `,"context":{"page":${deepJson(40)}}`),
      item(ids[3], `,"properties":{"fine":${deepJson(20)}}`),
    ].join(',')}]}`;
    const res = await alongsideNeighbour(() =>
      postJson(`${t.url}/v1/batch`, null, { raw, authorization: basic(a.writeKey) }),
    );

    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([
      { index: 1, code: 'too_deep', message: expect.stringMatching(/properties.*32/) },
      { index: 2, code: 'too_deep', message: expect.stringMatching(/context.*32/) },
    ]);
    expect((await events(a)).map((e) => e.id).sort()).toEqual([ids[0], ids[3]].sort());
    await explorerStillAnswers(a);
  });

  it('refuses an oversized PostHog array (a 477-byte gzip body) with a short answer', async () => {
    const a = await t.createProject('posthog-array');
    const first = JSON.stringify({ event: 'x', distinct_id: 'p', api_key: a.writeKey });
    const raw = `[${first}${',{}'.repeat(150_000)}]`;
    const body = gzipSync(raw, { level: 9 });
    const res = await alongsideNeighbour(async () => {
      const r = await fetch(`${t.url}/batch/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      });
      const text = await r.text();
      return { status: r.status, headers: r.headers, body: { text, json: JSON.parse(text) as unknown } };
    });

    expect(body.length).toBeLessThan(1_000);
    expect(res.status).toBe(413);
    expect(res.body.json).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(res.body.text.length).toBeLessThan(2_000);
    await explorerStillAnswers(a);
  });

  it('lists the first 100 of many bad items, counts them all, and stores the good ones of the batch', async () => {
    const a = await t.createProject('posthog-bad-items');
    const bad = Array.from({ length: 5_000 }, () => ({ distinct_id: 'p', properties: {} }));
    const good = { event: 'Kept', distinct_id: 'p', uuid: randomUUID() };
    const res = await alongsideNeighbour(async () => {
      const r = await fetch(`${t.url}/batch/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: a.writeKey, batch: [...bad, good] }),
      });
      const text = await r.text();
      return { status: r.status, headers: r.headers, body: { text, json: JSON.parse(text) as unknown } };
    });
    const allBad = await fetch(`${t.url}/batch/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ api_key: a.writeKey, batch: bad }),
    });
    const allBadText = await allBad.text();

    expect(res.status).toBe(200);
    expect(res.body.json).toMatchObject({ status: 1, accepted: 1, rejectedCount: 5_000 });
    expect((res.body.json as { rejected: unknown[] }).rejected).toHaveLength(100);
    expect(res.body.text.length).toBeLessThan(20_000);
    expect(allBad.status).toBe(400);
    expect(JSON.parse(allBadText)).toMatchObject({
      error: { code: 'invalid_input', details: { rejectedCount: 5_000, byCode: { invalid_event: 5_000 } } },
    });
    expect(allBadText.length).toBeLessThan(20_000);
    expect((await events(a)).map((e) => e.id)).toEqual([good.uuid]);
    await explorerStillAnswers(a);
  });
});
