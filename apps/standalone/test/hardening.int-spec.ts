import { statSync } from 'node:fs';
import { connect } from 'node:net';
import { type CreatedProject } from '@bindery/contracts';
import { bearer, getJson, postJson, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const METRICS_TOKEN = 'metrics-token-for-tests';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Hostile and careless callers of the running app: each gets a clear answer and holds nothing open. */
describe('hardening of the HTTP app', () => {
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      METRICS_TOKEN,
    });
    [project, other] = await Promise.all([t.createProject(), t.createProject()]);
  });
  afterAll(() => t.close());

  /** A caller at its own (proxied) address, so back-off of one test does not reach another. */
  const from = (ip: string, authorization?: string) => ({
    headers: { 'x-forwarded-for': ip },
    ...(authorization ? { authorization } : {}),
  });

  it('checks the key before the body: no schema details for a caller without the right key', async () => {
    const url = `${t.url}/v1/projects/${project.id}/funnels/query`;
    const invalid = { steps: 'nope', surplus: true };
    const anonymous = await postJson(url, invalid, from('10.0.0.1'));
    const wrongProject = await postJson(url, invalid, from('10.0.0.1', bearer(other.secretKey)));
    const owner = await postJson(url, invalid, from('10.0.0.1', bearer(project.secretKey)));

    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized']);
    expect(JSON.stringify(anonymous.body)).not.toMatch(/steps|surplus/);
    expect([wrongProject.status, wrongProject.body.error.code]).toEqual([403, 'forbidden']);
    expect([owner.status, owner.body.error.code]).toEqual([400, 'invalid_input']);
  });

  it('checks the admin token before the body of a new project', async () => {
    const res = await postJson(`${t.url}/v1/projects`, { name: 42 }, from('10.0.0.2', bearer('wrong-token')));

    expect([res.status, res.body.error.code]).toEqual([401, 'unauthorized']);
  });

  it('backs off an address that keeps presenting wrong tokens, and only that address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await postJson(
        `${t.url}/v1/projects`,
        { name: 'x' },
        from('10.0.0.3', bearer(`guess-${i}`)),
      );
      statuses.push(res.status);
    }
    const blocked = await postJson(
      `${t.url}/v1/projects`,
      { name: 'x' },
      from('10.0.0.3', bearer(t.adminToken)),
    );
    const elsewhere = await postJson(
      `${t.url}/v1/projects`,
      { name: 'y' },
      from('10.0.0.4', bearer(t.adminToken)),
    );

    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(elsewhere.status).toBe(201);
  });

  it('answers 400 to cursors it did not hand out', async () => {
    const malformed = ['!!!', b64(null), b64([5])];
    // Well-formed JSON, but not a position these lists can have: a time past what events hold, a row id that
    // is no UUID (the database would refuse it).
    const impossible: Record<string, string[]> = {
      events: [b64([1e300, 'x'])],
      emails: [b64(['2020-01-01T00:00:00Z', 'not-a-uuid'])],
      signals: [b64(['2020-01-01T00:00:00Z', 'not-a-uuid'])],
      tasks: [],
      accounts: [],
    };
    for (const [list, specific] of Object.entries(impossible)) {
      for (const cursor of [...malformed, ...specific]) {
        const res = await getJson(
          `${t.url}/v1/projects/${project.id}/${list}?cursor=${encodeURIComponent(cursor)}`,
          project.secretKey,
        );
        expect({ list, cursor, status: res.status }).toEqual({ list, cursor, status: 400 });
        expect(res.body.error.code).toBe('invalid_input');
      }
    }
  });

  it('answers 408 and closes a request whose body trickles in', async () => {
    const { port } = new URL(t.url);
    const started = Date.now();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let received = '';
      const drip = setInterval(() => socket.write('{'), 300);
      socket.on('connect', () =>
        socket.write(
          'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n',
        ),
      );
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        resolve(received);
      });
      socket.on('error', (error) => {
        clearInterval(drip);
        reject(error);
      });
    });

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('keeps DATA_DIR readable by its user only', () => {
    expect(statSync(t.config.dataDir).mode & 0o777).toBe(0o700);
  });

  it('serves metrics only with METRICS_TOKEN when it is set', async () => {
    const without = await fetch(`${t.url}/metrics`);
    const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    const right = await fetch(`${t.url}/metrics`, { headers: { authorization: bearer(METRICS_TOKEN) } });

    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(wrong.status).toBe(401);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('bindery_ingest_accepted_events_total');
  });
});
