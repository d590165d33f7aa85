import { randomUUID } from 'node:crypto';
import {
  type Cohort,
  type CohortDetail,
  type CohortEmailsResult,
  type CohortTasksResult,
  type CreatedProject,
  type ErrorBody,
  type OutboxList,
  type TaskDetail,
  type TaskList,
} from '@bindery/contracts';
import { SuppressionRepository } from '@bindery/db';
import { basic, bearer, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const HOUR = 3_600_000;
const tag = randomUUID().slice(0, 8);
/** The CSM the accounts' traits name, accepted by the settings' csmDomains. */
const CSM = `csm-${tag}@cohorts-vendor.example`;
const ACTOR = `lead-${tag}@cohorts-vendor.example`;
const address = (user: string) => `${user}-${tag}@customer.example`;

interface Reply<T = any> {
  status: number;
  body: T;
}

/**
 * Cohorts over HTTP on the real stores: a static cohort keeps the drop-off list it was saved with while a
 * dynamic one follows new events; tasks are made once per account whatever the repeats; training emails go
 * through the outbox, never to a suppressed address and within the frequency cap.
 */
describe('cohorts', () => {
  let t: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const funnel = {
    steps: [{ event: 'Signed Up' }, { event: 'Report Exported' }],
    windowSeconds: 7 * 86_400,
    from: new Date(now - 2 * 86_400_000).toISOString(),
    to: new Date(now + 86_400_000).toISOString(),
  };
  const dropoff = { type: 'funnel_dropoff', query: JSON.stringify(funnel), step: 1 };

  const call = async <T = any>(method: string, rest: string, body?: unknown): Promise<Reply<T>> => {
    const headers: Record<string, string> = {
      authorization: bearer(project.secretKey),
      'x-bindery-actor': ACTOR,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${t.url}/v1/projects/${project.id}/${rest}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const send = async (batch: object[]) => {
    const res = await fetch(`${t.url}/v1/batch`, {
      method: 'POST',
      headers: { authorization: basic(project.writeKey), 'content-type': 'application/json' },
      body: JSON.stringify({ batch }),
    });
    expect(res.status).toBe(200);
  };
  const track = (userId: string, account: string, event: string, ago: number) => ({
    type: 'track',
    messageId: randomUUID(),
    userId,
    event,
    context: { groupId: account },
    timestamp: new Date(now - ago).toISOString(),
  });
  const members = async (id: string) => (await call<CohortDetail>('GET', `cohorts/${id}?limit=1000`)).body;
  const outbox = async () =>
    (await call<OutboxList>('GET', 'emails?limit=500')).body.emails.filter((e) => e.kind === 'training');

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await t.createProject(`cohorts-${tag}`);
    const rules = await call<{ rules: { id: string }[] }>('GET', 'rules');
    for (const r of rules.body.rules) await call('DELETE', `rules/${r.id}`);
    const settings = (await call<Record<string, unknown>>('GET', 'settings')).body;
    const put = await call('PUT', 'settings', { ...settings, csmDomains: ['cohorts-vendor.example'] });
    expect([put.status, put.body]).toEqual([200, expect.anything()]);
    // u1..u4 stop after signing up (u4 has no address); u5 goes on to export a report.
    const people: [string, string, boolean][] = [
      ['u1', 'acme', true],
      ['u2', 'acme', true],
      ['u3', 'globex', true],
      ['u4', 'globex', false],
      ['u5', 'initech', true],
    ];
    await send([
      ...people.map(([user, , hasEmail]) => ({
        type: 'identify',
        messageId: randomUUID(),
        userId: user,
        traits: hasEmail ? { email: address(user), first_name: user.toUpperCase() } : { first_name: user },
      })),
      ...['acme', 'globex', 'initech'].map((account) => ({
        type: 'group',
        messageId: randomUUID(),
        userId: 'u5',
        groupId: account,
        traits: { name: `${account} Inc`, csm_email: CSM },
      })),
      ...people.map(([user, account]) => track(user, account, 'Signed Up', 5 * HOUR)),
      track('u5', 'initech', 'Report Exported', 4 * HOUR),
    ]);
  }, 180_000);
  afterAll(() => t.close());

  it('keeps a static cohort’s members and runs a dynamic cohort’s source again on read', async () => {
    const saved = await call<Cohort>('POST', 'cohorts', { name: 'stopped', type: 'static', source: dropoff });
    const live = await call<Cohort>('POST', 'cohorts', {
      name: 'stopping',
      type: 'dynamic',
      source: dropoff,
    });
    expect([saved.status, live.status]).toEqual([201, 201]);
    expect(saved.body).toMatchObject({ kind: 'people', type: 'static', size: 4, createdBy: 'api' });
    expect(saved.body.definition).toMatchObject({ type: 'funnel_dropoff', step: 1, funnelId: null });
    expect(live.body.size).toBeNull();
    expect((await members(saved.body.id)).members).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect((await members(live.body.id)).members).toEqual(['u1', 'u2', 'u3', 'u4']);

    // u6 signs up and stops; u1 goes on to export.
    await send([
      track('u6', 'initech', 'Signed Up', 3 * HOUR),
      track('u1', 'acme', 'Report Exported', 2 * HOUR),
    ]);

    expect(await members(saved.body.id)).toMatchObject({ total: 4, members: ['u1', 'u2', 'u3', 'u4'] });
    expect(await members(live.body.id)).toMatchObject({ total: 4, members: ['u2', 'u3', 'u4', 'u6'] });
    const page = (await call<CohortDetail>('GET', `cohorts/${live.body.id}?limit=3`)).body;
    expect(page.members).toEqual(['u2', 'u3', 'u4']);
    const next = (
      await call<CohortDetail>('GET', `cohorts/${live.body.id}?limit=3&cursor=${page.nextCursor}`)
    ).body;
    expect([next.members, next.nextCursor]).toEqual([['u6'], null]);
    const listed = (await call<{ cohorts: Cohort[] }>('GET', 'cohorts')).body.cohorts;
    expect(listed.map((c) => [c.name, c.size])).toEqual(
      expect.arrayContaining([
        ['stopped', 4],
        ['stopping', null],
      ]),
    );
  }, 120_000);

  it('saves a feature’s abandoners as the feature report counts them', async () => {
    const DAY = 24 * HOUR;
    // f1 stopped using it 17 days before their last action; f2 used it lately; f3 left altogether.
    await send([
      track('f1', 'umbrella', 'Dashboard Shared', 20 * DAY),
      track('f1', 'umbrella', 'Page Viewed', 3 * DAY),
      track('f2', 'umbrella', 'Dashboard Shared', 5 * DAY),
      track('f2', 'umbrella', 'Page Viewed', 3 * DAY),
      track('f3', 'umbrella', 'Dashboard Shared', 20 * DAY),
    ]);
    const range = { from: new Date(now - 30 * DAY).toISOString(), to: new Date(now + DAY).toISOString() };
    const source = {
      type: 'feature_abandoners',
      feature: 'Dashboard Shared',
      ...range,
      abandonDays: 14,
      aggregateBy: 'user',
    };
    const saved = await call<Cohort>('POST', 'cohorts', { name: 'gave up sharing', type: 'static', source });
    expect([saved.status, saved.body.kind, saved.body.size]).toEqual([201, 'people', 1]);
    expect((await members(saved.body.id)).members).toEqual(['f1']);
    const report = await call<{ features: { feature: string; abandoned: number }[] }>(
      'POST',
      'features/query',
      { ...range, aggregateBy: 'user', abandonDays: 14 },
    );
    expect(report.body.features.find((f) => f.feature === 'Dashboard Shared')?.abandoned).toBe(1);
  }, 120_000);

  it('makes one task per account for its CSM, however often it is confirmed', async () => {
    // u1's latest action was on acme; u3 and u4 are on globex.
    const cohort = (
      await call<Cohort>('POST', 'cohorts', {
        name: 'for tasks',
        type: 'static',
        source: { type: 'list', kind: 'people', ids: ['u1', 'u3', 'u4'] },
      })
    ).body;
    const ask = { title: 'Help them export a report', body: 'They signed up and stopped.', priority: 'P2' };
    const before = (await call<TaskList>('GET', 'tasks?status=open')).body.tasks.length;

    const dry = await call<CohortTasksResult>('POST', `cohorts/${cohort.id}/tasks`, ask);
    expect(dry.status).toBe(200);
    expect(dry.body).toEqual({
      confirmed: false,
      accounts: 2,
      withoutAccount: 0,
      created: 2,
      alreadyCreated: 0,
      preview: ['acme', 'globex'].map((accountId) => ({
        accountId,
        accountName: `${accountId} Inc`,
        assignee: CSM,
        title: ask.title,
      })),
    });
    expect((await call<TaskList>('GET', 'tasks?status=open')).body.tasks).toHaveLength(before);

    const [first, again] = await Promise.all([
      call<CohortTasksResult>('POST', `cohorts/${cohort.id}/tasks`, { ...ask, confirm: true }),
      call<CohortTasksResult>('POST', `cohorts/${cohort.id}/tasks`, { ...ask, confirm: true }),
    ]);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.body.created + again.body.created).toBe(2);
    const third = await call<CohortTasksResult>('POST', `cohorts/${cohort.id}/tasks`, {
      ...ask,
      confirm: true,
    });
    expect(third.body).toMatchObject({ confirmed: true, created: 0, alreadyCreated: 2, preview: [] });

    const made = (await call<TaskList>('GET', 'tasks?status=open&limit=100')).body.tasks.filter(
      (task) => task.title === ask.title,
    );
    expect(made.map((task) => [task.accountId, task.assignee, task.priority]).sort()).toEqual([
      ['acme', CSM, 'P2'],
      ['globex', CSM, 'P2'],
    ]);
    const detail = (await call<TaskDetail>('GET', `tasks/${made[0]!.id}`)).body;
    expect(detail.body).toBe(ask.body);
    expect(detail.timeline[0]).toMatchObject({
      actor: ACTOR,
      change: { created: true, cohortId: cohort.id },
    });
  }, 120_000);

  it('sends training emails through the outbox: suppression, the cap and a repeat hold', async () => {
    expect(
      (
        await call('POST', 'email-templates', {
          name: `cohort-${tag}`,
          subject: 'Learn {{content.title}}',
          html: '<p>Hi {{user.first_name}}, read <a href="{{content.url}}">{{content.title}}</a>.</p>',
          text: 'Hi {{user.first_name}}, read {{content.title}}: {{content.url}}',
        })
      ).status,
    ).toBe(201);
    for (const key of ['reports', 'exports']) {
      const res = await call('POST', 'training-content', {
        key,
        title: `The ${key} guide`,
        url: `https://docs.example/${key}`,
        summary: `All about ${key}`,
      });
      expect(res.status).toBe(201);
    }
    await t.app.get(SuppressionRepository).add(project.id, address('u2'), 'unsubscribed');
    // u3 had a training email a moment ago: the cap holds the next one back.
    const u3 = (
      await call<Cohort>('POST', 'cohorts', {
        name: 'u3 alone',
        type: 'static',
        source: { type: 'list', kind: 'people', ids: ['u3'] },
      })
    ).body;
    const warmUp = await call<CohortEmailsResult>('POST', `cohorts/${u3.id}/emails`, {
      template: `cohort-${tag}`,
      content: 'reports',
      confirm: true,
    });
    expect(warmUp.body).toMatchObject({ queued: 1 });

    const cohort = (
      await call<Cohort>('POST', 'cohorts', {
        name: 'for emails',
        type: 'static',
        source: { type: 'list', kind: 'people', ids: ['u1', 'u2', 'u3', 'u4'] },
      })
    ).body;
    const ask = { template: `cohort-${tag}`, content: 'exports' };
    const rowsBefore = (await outbox()).length;
    const dry = await call<CohortEmailsResult>('POST', `cohorts/${cohort.id}/emails`, ask);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      confirmed: false,
      people: 4,
      queued: 1,
      withoutAddress: 1,
      suppressed: 1,
      overCap: 1,
      alreadyQueued: 0,
      preview: { recipient: address('u1'), subject: 'Learn The exports guide' },
    });
    expect(dry.body.preview?.html).toContain('Hi U1');
    expect(dry.body.preview?.text).toContain('https://docs.example/exports');
    expect((await outbox()).length).toBe(rowsBefore);

    const sent = await call<CohortEmailsResult>('POST', `cohorts/${cohort.id}/emails`, {
      ...ask,
      confirm: true,
    });
    expect(sent.body).toMatchObject({
      confirmed: true,
      queued: 1,
      suppressed: 1,
      overCap: 1,
      withoutAddress: 1,
    });
    const repeat = await call<CohortEmailsResult>('POST', `cohorts/${cohort.id}/emails`, {
      ...ask,
      confirm: true,
    });
    expect(repeat.body).toMatchObject({ queued: 0, alreadyQueued: 3 });

    const rows = await outbox();
    const about = (user: string) => rows.filter((e) => e.recipient === address(user));
    expect(about('u1').map((e) => [e.subject, e.status === 'skipped'])).toEqual([
      ['Learn The exports guide', false],
    ]);
    expect(about('u2').map((e) => [e.status, e.skipReason])).toEqual([
      ['skipped', 'the address is suppressed'],
    ]);
    expect(
      about('u3')
        .map((e) => e.status === 'skipped')
        .sort(),
    ).toEqual([false, true]);
    expect(about('u3').find((e) => e.status === 'skipped')?.skipReason).toMatch(/training email went/);
    expect(rows.filter((e) => e.recipient.startsWith('u4'))).toEqual([]);
  }, 120_000);

  it('answers bad input with the field, and refuses what it cannot do', async () => {
    const noName = await call<ErrorBody>('POST', 'cohorts', { type: 'static', source: dropoff });
    expect([noName.status, noName.body.error.code]).toEqual([400, 'invalid_input']);
    expect(noName.body.error.message).toContain('name');
    const listDynamic = await call<ErrorBody>('POST', 'cohorts', {
      name: 'x',
      type: 'dynamic',
      source: { type: 'list', kind: 'accounts', ids: ['acme'] },
    });
    expect([listDynamic.status, listDynamic.body.error.message]).toEqual([
      400,
      expect.stringContaining('type'),
    ]);
    const farStep = await call<ErrorBody>('POST', 'cohorts', {
      name: 'x',
      type: 'static',
      source: { ...dropoff, step: 3 },
    });
    expect([farStep.status, farStep.body.error.message]).toEqual([400, expect.stringContaining('step')]);
    const accounts = (
      await call<Cohort>('POST', 'cohorts', {
        name: 'accounts',
        type: 'static',
        source: { type: 'list', kind: 'accounts', ids: ['acme'] },
      })
    ).body;
    const toAccounts = await call<ErrorBody>('POST', `cohorts/${accounts.id}/emails`, {
      template: `cohort-${tag}`,
      content: 'exports',
    });
    expect([toAccounts.status, toAccounts.body.error.code]).toEqual([422, 'unprocessable']);
    const blank = await call<ErrorBody>('POST', `cohorts/${accounts.id}/tasks`, { title: '  ' });
    expect([blank.status, blank.body.error.message]).toEqual([400, expect.stringContaining('title')]);
    expect((await call('DELETE', `cohorts/${accounts.id}`)).status).toBe(204);
    expect((await call('GET', `cohorts/${accounts.id}`)).status).toBe(404);
    expect((await call('POST', `cohorts/${accounts.id}/tasks`, { title: 'x' })).status).toBe(404);
  }, 120_000);
});
