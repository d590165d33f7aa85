import { randomUUID } from 'node:crypto';
import {
  type CreatedProject,
  type ErrorBody,
  type SavedFunnel,
  type SavedFunnelBody,
} from '@bindery/contracts';
import { AuditRepository } from '@bindery/db';
import { bearer, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

interface Reply<T = any> {
  status: number;
  body: T;
}

/** One JSON call over real HTTP; a 204 has no body. */
async function call<T = any>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = bearer(options.token);
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const body = (name: string, overrides: Partial<SavedFunnelBody> = {}): Partial<SavedFunnelBody> => ({
  name,
  steps: [{ event: 'Signed Up' }, { event: 'Report Exported', where: { format: 'csv' } }],
  windowSeconds: 7 * 86_400,
  ...overrides,
});

describe('saved funnels over HTTP', () => {
  let t: TestApp;
  let project: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config));
    project = await t.createProject('funnels');
  });
  afterAll(() => t.close());

  const funnelsUrl = (p: CreatedProject) => `${t.url}/v1/projects/${p.id}/funnels`;
  const funnelUrl = (p: CreatedProject, id: string) => `${funnelsUrl(p)}/${id}`;
  /** POSTs a funnel; the reply is typed as a success, or as T (e.g. ErrorBody) when a test expects a failure. */
  const create = <T = SavedFunnel>(p: CreatedProject, b: unknown) =>
    call<T>('POST', funnelsUrl(p), { token: p.secretKey, body: b });

  it('creates a funnel with the schema defaults, a UUID v7 id, and reads it back', async () => {
    const name = `activation-${randomUUID()}`;
    const res = await create(project, body(name));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name,
      description: '',
      steps: [{ event: 'Signed Up' }, { event: 'Report Exported', where: { format: 'csv' } }],
      windowSeconds: 604_800,
      order: 'ordered',
      aggregateBy: 'user',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);

    const got = await call('GET', funnelUrl(project, res.body.id), { token: project.secretKey });
    expect(got).toEqual({ status: 200, body: res.body });
  });

  it('lists a project’s funnels by name', async () => {
    const p = await t.createProject('funnel-list');
    for (const name of ['checkout', 'activation', 'onboarding']) {
      expect((await create(p, body(name, { order: 'strict' }))).status).toBe(201);
    }
    const res = await call<{ funnels: SavedFunnel[] }>('GET', funnelsUrl(p), { token: p.secretKey });
    expect(res.status).toBe(200);
    expect(res.body.funnels.map((f) => [f.name, f.order])).toEqual([
      ['activation', 'strict'],
      ['checkout', 'strict'],
      ['onboarding', 'strict'],
    ]);
  });

  it('replaces a funnel with PUT, keeping its id and creation time', async () => {
    const created = (await create(project, body(`retention-${randomUUID()}`, { description: 'old' }))).body;
    const replacement = {
      name: `retention-${randomUUID()}`,
      steps: [{ event: 'A' }, { event: 'B', where: { plan: { op: 'eq', value: 'pro' } } }, { event: 'C' }],
      windowSeconds: 3600,
      order: 'unordered',
      aggregateBy: 'account',
    };
    const res = await call<SavedFunnel>('PUT', funnelUrl(project, created.id), {
      token: project.secretKey,
      body: replacement,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...replacement,
      id: created.id,
      description: '',
      createdAt: created.createdAt,
      updatedAt: expect.any(String),
    });
    expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect((await call('GET', funnelUrl(project, created.id), { token: project.secretKey })).body).toEqual(
      res.body,
    );
  });

  it('deletes a funnel with 204, after which it is not found', async () => {
    const created = (await create(project, body(`doomed-${randomUUID()}`))).body;
    const res = await call('DELETE', funnelUrl(project, created.id), { token: project.secretKey });
    expect(res).toEqual({ status: 204, body: undefined });
    for (const method of ['GET', 'DELETE'] as const) {
      const gone = await call(method, funnelUrl(project, created.id), { token: project.secretKey });
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('not_found');
    }
  });

  it('records creation, replacement and deletion in the audit log', async () => {
    const p = await t.createProject('funnel-audit');
    const created = (await create(p, body('audited'))).body;
    await call('PUT', funnelUrl(p, created.id), { token: p.secretKey, body: body('audited v2') });
    await call('DELETE', funnelUrl(p, created.id), { token: p.secretKey });
    const audit = await t.app.get(AuditRepository).listByProject(p.id);
    expect(audit.filter((e) => e.action.startsWith('funnel.')).map((e) => [e.action, e.details])).toEqual(
      expect.arrayContaining([
        ['funnel.created', { funnelId: created.id, name: 'audited' }],
        ['funnel.updated', { funnelId: created.id, name: 'audited v2' }],
        ['funnel.deleted', { funnelId: created.id }],
      ]),
    );
  });

  it('answers 409 conflict to a second funnel of the same name, created or renamed', async () => {
    const name = `dup-${randomUUID()}`;
    expect((await create(project, body(name))).status).toBe(201);
    const again = await create<ErrorBody>(project, body(name, { order: 'strict' }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');

    const other = (await create(project, body(`other-${randomUUID()}`))).body;
    const renamed = await call('PUT', funnelUrl(project, other.id), {
      token: project.secretKey,
      body: body(name),
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('conflict');
  });

  it('keeps projects apart: another project neither sees nor changes a funnel (404), nor uses its path (403)', async () => {
    const other = await t.createProject('funnel-other');
    const mine = (await create(project, body(`mine-${randomUUID()}`))).body;

    const list = await call<{ funnels: SavedFunnel[] }>('GET', funnelsUrl(other), { token: other.secretKey });
    expect(list).toEqual({ status: 200, body: { funnels: [] } });
    const attempts = [
      call('GET', funnelUrl(other, mine.id), { token: other.secretKey }),
      call('PUT', funnelUrl(other, mine.id), { token: other.secretKey, body: body('stolen') }),
      call('DELETE', funnelUrl(other, mine.id), { token: other.secretKey }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    const crossed = await call('GET', funnelUrl(project, mine.id), { token: other.secretKey });
    expect(crossed.status).toBe(403);
    expect(crossed.body.error.code).toBe('forbidden');

    const still = await call('GET', funnelUrl(project, mine.id), { token: project.secretKey });
    expect(still).toEqual({ status: 200, body: mine });
    // The same name is free in another project.
    expect((await create(other, body(mine.name))).status).toBe(201);
  });

  it('answers 404 not_found to an unknown funnel id and to a project that does not exist', async () => {
    const unknown = await call('GET', funnelUrl(project, randomUUID()), { token: project.secretKey });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    const put = await call('PUT', funnelUrl(project, randomUUID()), {
      token: project.secretKey,
      body: body('x'),
    });
    expect(put.status).toBe(404);
    expect(put.body.error.code).toBe('not_found');

    const noProject = await call('POST', `${t.url}/v1/projects/${randomUUID()}/funnels`, {
      token: t.adminToken,
      body: body('orphan'),
    });
    expect(noProject.status).toBe(404);
    expect(noProject.body.error.code).toBe('not_found');
  });

  it.each([
    ['one step', body('bad', { steps: [{ event: 'Only' }] })],
    ['an unknown order', { ...body('bad'), order: 'sideways' }],
    ['windowSeconds 0', body('bad', { windowSeconds: 0 })],
    ['no name', { ...body('bad'), name: undefined }],
    ['an empty step event', body('bad', { steps: [{ event: '' }, { event: 'B' }] })],
  ])('answers 400 invalid_input to a body with %s, on POST and PUT', async (_, invalid) => {
    const created = (await create(project, body(`valid-${randomUUID()}`))).body;
    for (const res of [
      await create<ErrorBody>(project, invalid),
      await call('PUT', funnelUrl(project, created.id), { token: project.secretKey, body: invalid }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
  });

  it('answers 400 invalid_input to a funnel id that is not a UUID', async () => {
    const res = await call('GET', funnelUrl(project, 'not-a-uuid'), { token: project.secretKey });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
  });

  it('answers 401 unauthorized without a key, with a wrong key and with a write key', async () => {
    const created = (await create(project, body(`locked-${randomUUID()}`))).body;
    for (const token of [undefined, 'sk_wrong', project.writeKey]) {
      for (const res of [
        await call('GET', funnelsUrl(project), { token }),
        await call('POST', funnelsUrl(project), { token, body: body(`x-${randomUUID()}`) }),
        await call('GET', funnelUrl(project, created.id), { token }),
        await call('PUT', funnelUrl(project, created.id), { token, body: body('x') }),
        await call('DELETE', funnelUrl(project, created.id), { token }),
      ]) {
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
    }
    expect((await call('GET', funnelUrl(project, created.id), { token: project.secretKey })).status).toBe(
      200,
    );
  });

  it('documents the five routes in OpenAPI under the funnels tag', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
      'GET',
      `${t.url}/docs/json`,
    );
    const routes = Object.entries(doc.body.paths)
      .filter(([path]) => path.startsWith('/v1/projects/{projectId}/funnels'))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [method, path, op.tags]));
    expect(routes).toEqual(
      expect.arrayContaining([
        ['post', '/v1/projects/{projectId}/funnels', ['funnels']],
        ['get', '/v1/projects/{projectId}/funnels', ['funnels']],
        ['get', '/v1/projects/{projectId}/funnels/{funnelId}', ['funnels']],
        ['put', '/v1/projects/{projectId}/funnels/{funnelId}', ['funnels']],
        ['delete', '/v1/projects/{projectId}/funnels/{funnelId}', ['funnels']],
      ]),
    );
  });
});
