import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { type CreatedProject, type StoredEvent } from '@bindery/contracts';
import { basic, getJson, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const ORIGIN = 'https://app.customer.example';

/**
 * The paths and bodies of the stock SDKs, request by request, as each SDK sends them (the SDKs themselves run in
 * test/sdks): their configuration, their short paths and their labels, from a page on another origin.
 */
describe('SDK endpoints: configuration, paths and CORS for the stock SDKs', () => {
  let t: TestApp;
  let project: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config));
    project = await t.createProject('sdk-endpoints');
  });
  afterAll(() => t.close());

  async function stored(id: string): Promise<StoredEvent[]> {
    const res = await getJson<{ events: StoredEvent[] }>(
      `${t.url}/v1/projects/${project.id}/events?limit=1000`,
      project.secretKey,
    );
    return res.body.events.filter((e) => e.id === id);
  }

  /** A request from a page on {@link ORIGIN}. */
  const fromPage = (path: string, init: RequestInit = {}) =>
    fetch(`${t.url}${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } });

  async function preflight(path: string, method: string, headers: string) {
    return fromPage(path, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': method, 'access-control-request-headers': headers },
    });
  }

  describe('@segment/analytics-next', () => {
    it('loads settings from /v1/projects/<writeKey>/settings pointing back at this server', async () => {
      const res = await fromPage(`/v1/projects/${project.writeKey}/settings`);
      const body = (await res.json()) as { integrations: Record<string, Record<string, unknown>> };

      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(body.integrations['Segment.io']).toMatchObject({
        apiKey: project.writeKey,
        apiHost: `${new URL(t.url).host}/v1`,
        protocol: 'http',
      });
      expect(Object.keys(body.integrations)).toEqual(['Segment.io']);
    });

    it('names the host a proxy says it was reached at', async () => {
      const res = await fetch(`${t.url}/v1/projects/${project.writeKey}/settings`, {
        headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'bindery.example.com' },
      });
      const body = (await res.json()) as { integrations: Record<string, Record<string, unknown>> };

      expect(body.integrations['Segment.io']).toMatchObject({
        apiHost: 'bindery.example.com/v1',
        protocol: 'https',
      });
    });

    it('answers 401 for an unknown write key, and the project settings API is unchanged', async () => {
      const unknown = await fromPage('/v1/projects/wk_nope/settings');
      const settings = await getJson(`${t.url}/v1/projects/${project.id}/settings`, project.secretKey);

      expect(unknown.status).toBe(401);
      expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      expect(settings.status).toBe(200);
      expect(settings.body).toHaveProperty('healthWeights');
    });

    it('posts each call to /v1/<first letter> as text/plain, after a preflight of its headers', async () => {
      const calls = [
        ['t', { type: 'track', event: 'Clicked', properties: { n: 1 } }],
        ['i', { type: 'identify', traits: { email: 'ann@example.com' } }],
        ['g', { type: 'group', groupId: 'acct-seg', traits: { plan: 'pro' } }],
        ['p', { type: 'page', name: 'Home', properties: { path: '/' } }],
        ['s', { type: 'screen', name: 'Main' }],
        ['a', { type: 'alias', previousId: 'anon-seg' }],
      ] as const;
      const check = await preflight('/v1/t', 'POST', 'content-type,authorization,x-retry-count');
      expect(check.status).toBe(204);
      expect(check.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(check.headers.get('access-control-allow-headers')).toContain('x-retry-count');

      for (const [letter, message] of calls) {
        const messageId = randomUUID();
        const res = await fromPage(`/v1/${letter}`, {
          method: 'POST',
          headers: {
            'content-type': 'text/plain',
            authorization: basic(project.writeKey),
            'x-retry-count': '0',
          },
          body: JSON.stringify({ ...message, messageId, userId: 'u-seg', writeKey: project.writeKey }),
        });
        expect({ letter, status: res.status }).toEqual({ letter, status: 200 });
        expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
        expect((await stored(messageId)).map((e) => e.type)).toEqual([message.type]);
      }
    });

    it('posts a batch to /v1/b with the write key in the body', async () => {
      const ids = [randomUUID(), randomUUID()];
      const res = await fromPage('/v1/b', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({
          writeKey: project.writeKey,
          sentAt: new Date().toISOString(),
          batch: ids.map((messageId) => ({ type: 'track', event: 'Batched', messageId, userId: 'u-b' })),
        }),
      });

      expect(res.status).toBe(200);
      for (const id of ids) expect(await stored(id)).toHaveLength(1);
    });
  });

  describe('posthog-js', () => {
    it('loads the remote config as a script and as JSON: compression on, flags and recordings off', async () => {
      const script = await fromPage(`/array/${project.writeKey}/config.js`);
      const json = await fromPage(`/array/${project.writeKey}/config`);
      const text = await script.text();
      const config = (await json.json()) as Record<string, unknown>;

      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(script.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(text).toContain(`_POSTHOG_REMOTE_CONFIG[${JSON.stringify(project.writeKey)}]`);
      expect(json.status).toBe(200);
      expect(config).toMatchObject({
        supportedCompression: ['gzip', 'gzip-js'],
        hasFeatureFlags: false,
        sessionRecording: false,
      });
      expect(config).not.toHaveProperty('surveys');
    });

    it('runs the script as posthog-js reads it: the config under the token', async () => {
      const text = await (await fromPage(`/array/${project.writeKey}/config.js`)).text();
      const window: { _POSTHOG_REMOTE_CONFIG?: Record<string, { config: unknown }> } = {};

      new Function('window', text)(window);

      expect(window._POSTHOG_REMOTE_CONFIG?.[project.writeKey]?.config).toMatchObject({
        hasFeatureFlags: false,
      });
    });

    it('answers 401 to the config of an unknown token', async () => {
      expect((await fromPage('/array/wk_nope/config.js')).status).toBe(401);
      expect((await fromPage('/array/wk_nope/config')).status).toBe(401);
    });

    it('answers flags (v2, as a base64 form) and decide with no flags', async () => {
      const data = Buffer.from(JSON.stringify({ token: project.writeKey, distinct_id: 'u' })).toString(
        'base64',
      );
      const flags = await fromPage('/flags/?v=2&config=true', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `data=${encodeURIComponent(data)}`,
      });
      const decide = await fromPage('/decide/?v=3', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: project.writeKey, distinct_id: 'u' }),
      });

      expect(flags.status).toBe(200);
      expect(flags.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(await flags.json()).toMatchObject({
        flags: {},
        featureFlags: {},
        errorsWhileComputingFlags: false,
      });
      expect(decide.status).toBe(200);
      expect(await decide.json()).toMatchObject({ featureFlags: {}, sessionRecording: false });
    });

    it('sends events as a base64 data form by sendBeacon', async () => {
      const uuid = randomUUID();
      const data = Buffer.from(
        JSON.stringify([
          { event: 'Beaconed', uuid, distinct_id: 'u-ph', properties: { token: project.writeKey } },
        ]),
      ).toString('base64');
      const res = await fromPage('/e/?compression=base64', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `data=${encodeURIComponent(data)}`,
      });

      expect(res.status).toBe(200);
      expect(await stored(uuid)).toHaveLength(1);
    });
  });

  describe('RudderStack', () => {
    it('loads the source config with the write key as Basic user: enabled, no destinations', async () => {
      const res = await fromPage('/sourceConfig/?p=npm&v=3.34.1&build=modern&lockIntegrationsVersion=false', {
        headers: { authorization: basic(project.writeKey) },
      });
      const body = (await res.json()) as { source: Record<string, unknown> };

      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(body.source).toMatchObject({ writeKey: project.writeKey, enabled: true, destinations: [] });
      expect((await fromPage('/sourceConfig/?writeKey=wk_nope')).status).toBe(401);
    });

    it('preflights its identity and retry headers', async () => {
      const headers =
        'content-type,authorization,anonymousid,sentat,rsa-retry-attempt,rsa-since-last-attempt,' +
        'rsa-since-first-attempt,rsa-retry-reason,rsa-recovered';
      const res = await preflight('/v1/track', 'POST', headers);

      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      for (const header of headers.split(',')) {
        expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(header);
      }
    });

    it('sends a beacon batch as text/plain with the write key in the query', async () => {
      const messageId = randomUUID();
      const res = await fromPage(`/beacon/v1/batch?writeKey=${project.writeKey}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({
          sentAt: new Date().toISOString(),
          batch: [{ type: 'track', event: 'Beacon', messageId, anonymousId: 'anon-rs' }],
        }),
      });

      expect(res.status).toBe(200);
      expect(await stored(messageId)).toHaveLength(1);
    });

    it('sends gzipped JSON labelled as a form from the Node SDK', async () => {
      const messageId = randomUUID();
      const res = await fetch(`${t.url}/v1/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-encoding': 'gzip',
          authorization: basic(project.writeKey),
        },
        body: gzipSync(
          JSON.stringify({ batch: [{ type: 'track', event: 'Gz', messageId, userId: 'u-rs' }] }),
        ),
      });

      expect(res.status).toBe(200);
      expect(await stored(messageId)).toHaveLength(1);
    });
  });

  it('keeps the project APIs closed to pages on other origins, preflight included', async () => {
    const check = await preflight(`/v1/projects/${project.id}/events`, 'GET', 'authorization');

    expect(check.headers.get('access-control-allow-origin')).toBeNull();
  });
});
