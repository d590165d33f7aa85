import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type CsmList,
  type EventRow,
  type Member,
  type RuleRun,
  type TaskList,
} from '@bindery/contracts';
import { JobProducer, QUEUES } from '@bindery/queue';
import {
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

const DAY = 86_400_000;
const OWNER = { email: 'olga.csm@vendor.example', password: 'owner password 1' };
/** A member who chose the digest, though the settings' csms say at once. */
const DANA = { email: 'dana@vendor.example', password: 'dana password 12', role: 'csm' as const };
/** A member who chose no P1 notice. */
const NICK = { email: 'nick@vendor.example', password: 'nick password 12', role: 'csm' as const };
/** Not a member: the settings' csmDomains accept the address, and no P1 notice is chosen, so at once. */
const SAM = 'sam@vendor.example';
const ACCOUNTS = {
  'a-dana': { name: 'Danube', mrr: 5000, csm_email: 'Dana@Vendor.Example' },
  'a-nick': { name: 'Nicosia', mrr: 5000, csm_email: NICK.email },
  'a-sam': { name: 'Samarkand', mrr: 5000, csm_email: SAM },
};

/**
 * The CSM's identity through the API, Postgres, Redis and a real SMTP server: a member's own P1 notice
 * (at once, in the daily digest, not at all) decides how they hear of a new P1 task, before the settings'
 * csms; the CSM list says who is a member, so that an account's csm_email trait maps to one in any case.
 */
describe('the CSM’s identity: members’ P1 notices and csm_email', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let project: CreatedProject;
  let owner: TestSession;
  const now = Date.now();
  const today = Math.floor(now / DAY);

  const idle = async (queue: string) => {
    const counts = await app.app
      .get<Queue>(getQueueToken(queue))
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };
  const subjects = (address: string) => smtp.to(address).map((m) => m.subject ?? '');
  const path = (rest: string) => `/v1/projects/${project.id}/${rest}`;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
    });
    project = await app.createProject('csm identity');
    await createTestUser(app, project.id, OWNER);
    owner = await TestSession.signIn(app.url, OWNER.email, OWNER.password);
    const members: Record<string, Member> = {
      dana: await createTestUser(app, project.id, DANA),
      nick: await createTestUser(app, project.id, NICK),
    };
    for (const [who, p1Notice] of [
      ['dana', 'daily'],
      ['nick', 'never'],
    ] as const) {
      const res = await owner.call('PATCH', path(`members/${members[who]!.userId}`), { p1Notice });
      expect([who, res.status]).toEqual([who, 200]);
    }

    const rows: EventRow[] = [];
    for (const [account, traits] of Object.entries(ACCOUNTS)) {
      const at = (today - 10) * DAY + 12 * 3_600_000;
      const user = `u-${account}`;
      rows.push(eventRow(project.id, at, { received_at: now, user_id: user, account_id: account }));
      rows.push(
        eventRow(project.id, at, {
          received_at: now,
          type: 'group',
          event: '$group',
          feature: '',
          user_id: user,
          account_id: account,
          traits: JSON.stringify(traits),
        }),
      );
    }
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });

    const settings = await owner.call('PUT', path('settings'), {
      healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
      keyFeatures: [],
      csms: [{ email: DANA.email, name: 'Dana', alerts: 'immediate' }],
      csmDomains: ['vendor.example'],
    });
    expect([settings.status, settings.body]).toEqual([200, expect.anything()]);
    const rules = await owner.call<{ rules: { id: string }[] }>('GET', path('rules'));
    for (const r of rules.body.rules) await owner.call('DELETE', path(`rules/${r.id}`));
    const rule = await owner.call('POST', path('rules'), {
      name: 'never tried import',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'import', days: 7 },
      cooldownHours: 24,
      enabled: true,
      actions: [{ kind: 'task', severity: 'high' }],
    });
    expect(rule.status).toBe(201);
    const started = await owner.call<RuleRun>('POST', path('rules/run'), {});
    await until(
      'the rules run',
      async () => (await owner.call<RuleRun>('GET', path(`rules/runs/${started.body.id}`))).body,
      (r) => r.status === 'done',
    );
    const tasks = await until(
      'the tasks',
      async () => (await owner.call<TaskList>('GET', path('tasks'))).body,
      (t) => t.tasks.length === 3,
    );
    expect(tasks.tasks.map((t) => [t.assignee, t.priority]).sort()).toEqual([
      [DANA.email, 'P1'],
      [NICK.email, 'P1'],
      [SAM, 'P1'],
    ]);
    await until(
      'the queues',
      async () => (await idle(QUEUES.signals)) && (await idle(QUEUES.emails)),
      (done) => done,
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('emails a P1 task at once only to a CSM whose notice says so, a member’s own choice first', async () => {
    await until(
      'the alert to the CSM who is no member',
      async () => subjects(SAM),
      (s) => s.some((subject) => subject.startsWith('[P1] ')),
    );
    expect(subjects(SAM)).toEqual([expect.stringMatching(/^\[P1\] .*Samarkand/)]);
    expect(subjects(DANA.email)).toEqual([]);
    expect(subjects(NICK.email)).toEqual([]);
  });

  it('puts the P1 task in the digest of a member who chose it, and leaves it out for one who chose none', async () => {
    const job = await app.app
      .get(JobProducer)
      .enqueue('csm-digest', { projectId: project.id }, { jobId: `digest-${randomUUID()}` });
    await until(
      'the digest',
      () => job.getState(),
      (state) => state === 'completed',
    );
    const digest = await until(
      'Dana’s digest',
      async () => smtp.to(DANA.email).filter((m) => m.subject?.startsWith('Your Bindery tasks')),
      (m) => m.length === 1,
    );
    expect(digest[0]?.text).toMatch(/New P1:\n- .*Danube/);
    await until(
      'Sam’s digest',
      async () => smtp.to(SAM).filter((m) => m.subject?.startsWith('Your Bindery tasks')),
      (m) => m.length === 1,
    );
    expect(subjects(NICK.email)).toEqual([]);
  });

  it('lists who is a member with their P1 notice, for csm_email to match in any case', async () => {
    const { body } = await owner.call<CsmList>('GET', path('csms'));

    expect(body.csms).toEqual([
      { email: DANA.email, name: 'Dana', alerts: 'digest', listed: true, member: true, liveTasks: 1 },
      { email: NICK.email, name: null, alerts: 'never', listed: true, member: true, liveTasks: 1 },
      { email: SAM, name: null, alerts: 'immediate', listed: false, member: false, liveTasks: 1 },
    ]);
    const dana = body.csms.find((c) => c.member && c.email === ACCOUNTS['a-dana'].csm_email.toLowerCase());
    expect(dana?.email).toBe(DANA.email);
  });
});
