import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type AuditList,
  type CreatedInvite,
  type CreatedProject,
  type CreatedToken,
  type MemberList,
  type Task,
  type TaskDetail,
} from '@bindery/contracts';
import {
  bearer,
  createTestUser,
  eventRow,
  startTestApp,
  startTestSmtp,
  type TestApp,
  TestSession,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const OWNER = { email: 'olga.team@vendor.example', password: 'owner password 1' };
const CSM = { email: 'carl@vendor.example', password: 'csm password 12' };
const VIEWER = { email: 'vera@vendor.example', password: 'viewer password' };
const PUBLIC_URL = 'https://bindery.vendor.example';

/**
 * A team in Bindery through the API, a real SMTP server and Postgres (PGlite): the first owner made with the
 * admin token, invitations by email, roles enforced, authors recorded, tokens and sessions that stop at once.
 */
describe('team: users, sessions, roles and tokens', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let project: CreatedProject;
  let owner: TestSession;
  let taskId: string;

  /** Invites an address as a role and accepts the emailed link with a password: the new member's session. */
  async function join(email: string, password: string, role: string): Promise<TestSession> {
    const invite = await owner.call<CreatedInvite>('POST', `/v1/projects/${project.id}/members/invites`, {
      email,
      role,
    });
    expect(invite.status).toBe(201);
    const [mail] = await until(
      `the invitation to ${email}`,
      async () => smtp.to(email),
      (m) => m.length > 0,
    );
    const text = mail?.text ?? '';
    expect(text).toContain(invite.body.link);
    const token = invite.body.link.split('#')[1];
    const res = await fetch(`${app.url}/v1/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    expect(res.status).toBe(200);
    const session = await TestSession.from(app.url, res);
    const reused = await fetch(`${app.url}/v1/invites/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password }),
    });
    expect(reused.status).toBe(404);
    return session;
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      RULES_INTERVAL_SECONDS: '0',
    });
    project = await app.createProject('team');
    const at = Date.now() - 3_600_000;
    await app.app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [
        eventRow(project.id, at, { user_id: 'u1', account_id: 'acme' }),
        eventRow(project.id, at, {
          type: 'group',
          event: '$group',
          feature: '',
          user_id: 'u1',
          account_id: 'acme',
          traits: JSON.stringify({ name: 'Acme' }),
        }),
      ],
      format: 'JSONEachRow',
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('makes the first owner with the admin token only', async () => {
    const anonymous = await fetch(`${app.url}/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: bearer(project.secretKey) },
      body: JSON.stringify({ ...OWNER, projectId: project.id }),
    });
    expect(anonymous.status).toBe(401);

    const member = await createTestUser(app, project.id, OWNER);
    expect(member).toMatchObject({ email: OWNER.email, role: 'owner', p1Notice: 'immediately' });
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Strict and Secure on https', async () => {
    owner = await TestSession.signIn(app.url, OWNER.email.toUpperCase(), OWNER.password);
    const flags = owner.setCookie.split(';').map((part) => part.trim());
    expect(flags[0]).toMatch(/^bindery_session=[A-Za-z0-9_-]{43}$/);
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Secure', 'Path=/']));
    expect(flags).toContain(`Max-Age=${7 * 24 * 3600}`);
    expect(owner.info).toMatchObject({
      user: { email: OWNER.email },
      projects: [{ projectId: project.id, name: 'team', role: 'owner' }],
    });
    expect(JSON.stringify(owner.info)).not.toContain(project.secretKey);

    const again = await owner.call('GET', '/v1/session');
    expect(again.status).toBe(200);
    expect(again.body.csrfToken).toBe(owner.info.csrfToken);
  });

  it('answers a wrong password and an unknown email alike, then backs off', async () => {
    const attempt = (email: string, password: string) =>
      fetch(`${app.url}/v1/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const wrong = await attempt(OWNER.email, 'not the password');
    const unknown = await attempt('nobody@vendor.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(OWNER.email, `wrong ${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    const locked = await attempt(OWNER.email, OWNER.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a change made with a session but without its CSRF token', async () => {
    const res = await owner.call(
      'POST',
      `/v1/projects/${project.id}/tasks`,
      { accountId: 'acme', title: 'x' },
      {
        csrf: false,
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('invite → accept → sign in: a viewer reads tasks, and a PATCH answers 403', async () => {
    const made = await owner.call<Task>('POST', `/v1/projects/${project.id}/tasks`, {
      accountId: 'acme',
      title: 'Call Acme about the renewal',
      priority: 'P2',
    });
    expect(made.status).toBe(201);
    taskId = made.body.id;

    await join(VIEWER.email, VIEWER.password, 'viewer');
    const viewer = await TestSession.signIn(app.url, VIEWER.email, VIEWER.password);
    expect(viewer.info.projects).toEqual([{ projectId: project.id, name: 'team', role: 'viewer' }]);
    expect((await viewer.call('GET', `/v1/projects/${project.id}/tasks`)).status).toBe(200);

    const patch = await viewer.call('PATCH', `/v1/projects/${project.id}/tasks/${taskId}`, {
      status: 'done',
    });
    expect(patch.status).toBe(403);
    expect(patch.body.error.code).toBe('forbidden');
    const rules = await viewer.call('POST', `/v1/projects/${project.id}/rules/run`, {});
    expect(rules.status).toBe(403);
  });

  it('records a CSM’s change with their email in the timeline and the audit log', async () => {
    await join(CSM.email, CSM.password, 'csm');
    const csm = await TestSession.signIn(app.url, CSM.email, CSM.password);
    const members = await csm.call<MemberList>('GET', `/v1/projects/${project.id}/members`);
    expect(members.body.members.map((m) => [m.email, m.role])).toEqual([
      [CSM.email, 'csm'],
      [OWNER.email, 'owner'],
      [VIEWER.email, 'viewer'],
    ]);

    const closed = await csm.call('PATCH', `/v1/projects/${project.id}/tasks/${taskId}`, {
      status: 'done',
      outcome: 'resolved',
      // A session's author is the person, whatever a header says.
    });
    expect(closed.status).toBe(200);
    const detail = await csm.call<TaskDetail>('GET', `/v1/projects/${project.id}/tasks/${taskId}`);
    expect(detail.body.timeline.map((e) => e.actor)).toEqual([OWNER.email, CSM.email]);

    expect((await csm.call('GET', `/v1/projects/${project.id}/audit`)).status).toBe(403);
    const audit = await owner.call<AuditList>(
      'GET',
      `/v1/projects/${project.id}/audit?actor=${encodeURIComponent(CSM.email)}`,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.entries.map((e) => e.action)).toEqual(['task.updated', 'member.joined']);
    const invites = await owner.call<AuditList>(
      'GET',
      `/v1/projects/${project.id}/audit?action=member.invited`,
    );
    expect(invites.body.entries.map((e) => e.actor)).toEqual([OWNER.email, OWNER.email]);
  });

  it('personal tokens: shown once, scoped, and a revoked one answers 401 at once', async () => {
    const csm = await TestSession.signIn(app.url, CSM.email, CSM.password);
    const made = await csm.call<CreatedToken>('POST', '/v1/tokens', {
      name: 'script',
      scope: 'read-write',
      expiresInDays: 30,
    });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^bpt_/);
    const listed = await csm.call('GET', '/v1/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);

    const tasks = `${app.url}/v1/projects/${project.id}/tasks`;
    const withToken = (token: string, init: RequestInit = {}) =>
      fetch(init.method === 'PATCH' ? `${tasks}/${taskId}` : tasks, {
        ...init,
        headers: { authorization: bearer(token), 'content-type': 'application/json' },
      });
    expect((await withToken(made.body.token)).status).toBe(200);
    const note = await fetch(`${tasks}/${taskId}/notes`, {
      method: 'POST',
      headers: { authorization: bearer(made.body.token), 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'Called them' }),
    });
    expect(note.status).toBe(201);
    expect(((await note.json()) as { author: string }).author).toBe(`${CSM.email} (token script)`);

    const readOnly = await csm.call<CreatedToken>('POST', '/v1/tokens', {
      name: 'reader',
      scope: 'read',
      expiresInDays: 1,
    });
    const denied = await withToken(readOnly.body.token, {
      method: 'PATCH',
      body: JSON.stringify({ status: 'open' }),
    });
    expect(denied.status).toBe(403);
    const escalate = await fetch(`${app.url}/v1/tokens`, {
      method: 'POST',
      headers: { authorization: bearer(readOnly.body.token), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'more', scope: 'read-write', expiresInDays: 1 }),
    });
    expect(escalate.status).toBe(403);

    expect((await csm.call('DELETE', `/v1/tokens/${made.body.id}`)).status).toBe(204);
    const revoked = await withToken(made.body.token);
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
  });

  it('a removed member’s sessions and tokens stop at once; the project secret key still works', async () => {
    const viewer = await TestSession.signIn(app.url, VIEWER.email, VIEWER.password);
    const token = await viewer.call<CreatedToken>('POST', '/v1/tokens', {
      name: 'reports',
      scope: 'read',
      expiresInDays: 7,
    });
    const tasks = `${app.url}/v1/projects/${project.id}/tasks`;
    const byToken = () => fetch(tasks, { headers: { authorization: bearer(token.body.token) } });
    expect((await byToken()).status).toBe(200);

    const removed = await owner.call('DELETE', `/v1/projects/${project.id}/members/${viewer.info.user.id}`);
    expect(removed.status).toBe(204);
    const after = await viewer.call('GET', `/v1/projects/${project.id}/tasks`);
    expect(after.status).toBe(403);
    expect((await byToken()).status).toBe(403);
    expect((await viewer.call('GET', '/v1/session')).body.projects).toEqual([]);

    const lastOwner = await owner.call('PATCH', `/v1/projects/${project.id}/members/${owner.info.user.id}`, {
      role: 'admin',
    });
    expect(lastOwner.status).toBe(409);

    const server = await fetch(`${app.url}/v1/projects/${project.id}/tasks`, {
      headers: { authorization: bearer(project.secretKey) },
    });
    expect(server.status).toBe(200);
  });

  it('signs out, and out everywhere', async () => {
    const a = await TestSession.signIn(app.url, CSM.email, CSM.password);
    const b = await TestSession.signIn(app.url, CSM.email, CSM.password);
    const out = await a.call('DELETE', '/v1/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await a.call('GET', '/v1/session')).status).toBe(401);
    expect((await b.call('GET', '/v1/session')).status).toBe(200);

    const c = await TestSession.signIn(app.url, CSM.email, CSM.password);
    expect((await b.call('POST', '/v1/session/sign-out-everywhere', {})).status).toBe(204);
    expect((await b.call('GET', '/v1/session')).status).toBe(401);
    expect((await c.call('GET', '/v1/session')).status).toBe(401);
  });

  it('resets a password by an emailed one-time link, ending the sessions', async () => {
    const before = await TestSession.signIn(app.url, CSM.email, CSM.password);
    const asked = await fetch(`${app.url}/v1/password-reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: CSM.email }),
    });
    expect(asked.status).toBe(202);
    const resets = await until(
      'the reset email',
      async () => smtp.to(CSM.email).filter((m) => m.subject === 'Reset your Bindery password'),
      (m) => m.length > 0,
    );
    const mail = resets[0];
    const token = /reset-password#(\S+)/.exec(mail?.text ?? '')?.[1];
    expect(mail?.text).toContain(`${PUBLIC_URL}/reset-password#`);
    const confirm = (password: string) =>
      fetch(`${app.url}/v1/password-reset/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password }),
      });
    expect((await confirm('a brand new password')).status).toBe(204);
    expect((await confirm('another new password')).status).toBe(404);
    expect((await before.call('GET', '/v1/session')).status).toBe(401);
    await expect(TestSession.signIn(app.url, CSM.email, 'a brand new password')).resolves.toBeDefined();
  });

  it('states the roles of every project endpoint in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${app.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const unstated = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/v1/projects/{projectId}'))
      .flatMap(([path, ops]) =>
        Object.entries(ops)
          .filter(([, op]) => !/Role: /.test(op.description ?? ''))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    expect(unstated).toEqual([]);
  });
});
