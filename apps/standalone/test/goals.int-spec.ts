import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely } from 'kysely';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type Goal,
  type GoalCadence,
  type GoalInput,
  type GoalSnapshotList,
} from '@bindery/contracts';
import { type Database, DB } from '@bindery/db';
import { GoalReportService } from '@bindery/outreach';
import {
  bearer,
  createTestUser,
  eventRow,
  generateEvents,
  getJson,
  goalReference,
  mulberry32,
  postJson,
  startTestApp,
  startTestSmtp,
  type TestApp,
  TestSession,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The start of the week (Monday, UTC) or month holding `t`, and of the ones `back` periods before it. */
function periodStart(t: number, cadence: GoalCadence, back = 0): number {
  if (cadence === 'weekly') {
    const day = Math.floor(t / DAY);
    return (day - ((((day + 3) % 7) + 7) % 7)) * DAY - back * WEEK;
  }
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

/**
 * Retention goals end to end: defined over the API (bad input named), measured by the notifier's job for the
 * baseline period at once and for each period as it ends, equal to a brute-force computation for two
 * consecutive periods, and reported to the project's owner through the outbox and a real SMTP server, once
 * per period however often the job runs (never for a baseline).
 */
describe('retention goals', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let project: CreatedProject;
  let surveyId: string;
  const suffix = randomUUID().slice(0, 8);
  const owner = { email: `goals-owner-${suffix}@example.com`, password: 'correct horse battery' };
  const viewer = { email: `goals-viewer-${suffix}@example.com`, password: 'correct horse battery' };
  const now = Date.now();
  const events: EventRow[] = [];
  /** Stored health scores by day ('YYYY-MM-DD'). */
  const health = new Map<string, number[]>();
  const goals: Goal[] = [];

  const api = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}/v1/projects/${project.id}/${path}`, {
      method,
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  type Failure = { error: { code: string; message: string } };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL: 'https://bindery.example.com',
    });
    project = await t.createProject(`Goals <${suffix}> & co`);
    await createTestUser(t, project.id, { ...owner, role: 'owner' });
    await createTestUser(t, project.id, { ...viewer, role: 'viewer' });
    const survey = await postJson<{ id: string }>(
      `${t.url}/v1/projects/${project.id}/surveys`,
      { name: 'NPS', kind: 'nps', question: 'How likely are you to recommend us?' },
      { authorization: bearer(project.secretKey) },
    );
    surveyId = survey.body.id;

    // Half a year of usage up to now, over a dozen accounts.
    const start = periodStart(now, 'weekly', 30);
    events.push(
      ...generateEvents({
        seed: 20,
        projectId: project.id,
        users: 40,
        anonymousUsers: 4,
        accounts: 12,
        days: Math.ceil((now - start) / DAY),
        start,
        eventsPerUser: 90,
      }),
    );
    // Customer-since traits: dates and date-times read, other values ignored, the newest one kept.
    const traits: [string, unknown, number][] = [
      ['acct-00', '2020-03-15', start],
      ['acct-01', '2023-07-01T12:30:00.000Z', start],
      ['acct-02', 'soon', start],
      ['acct-03', 12345, start],
      ['acct-04', '2019-01-01', start - DAY],
      ['acct-04', '2021-06-01', start],
      ['acct-05', new Date(now + 400 * DAY).toISOString(), start],
    ];
    for (const [account, value, at] of traits) {
      events.push(
        eventRow(project.id, at, {
          type: 'group',
          event: '',
          feature: '',
          user_id: '',
          account_id: account,
          traits: JSON.stringify({ customer_since: value }),
        }),
      );
    }
    // NPS answers over the last four months: some for another survey, some without a score, one retried.
    const random = mulberry32(7);
    const from = periodStart(now, 'monthly', 3);
    for (let i = 0; i < 160; i++) {
      const score = Math.floor(random() * 11);
      events.push(
        eventRow(project.id, from + Math.floor(random() * (now - from)), {
          event: 'survey answered',
          feature: 'survey answered',
          user_id: `user-${i % 40}`,
          account_id: `acct-${String(i % 12).padStart(2, '0')}`,
          properties: JSON.stringify({
            surveyId: i % 9 === 0 ? randomUUID() : surveyId,
            score: i % 13 === 0 ? 'n/a' : score,
          }),
        }),
      );
    }
    const last = events[events.length - 1]!;
    events.push({ ...last, received_at: last.received_at + 1000 });
    await t.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: events, format: 'JSONEachRow' });

    // Stored health on the last day of each period the goals measure.
    const db = t.app.get<Kysely<Database>>(DB);
    const ends = [1, 0].flatMap((back) => [
      periodStart(now, 'weekly', back - 1),
      periodStart(now, 'monthly', back - 1),
    ]);
    for (const end of ends) {
      const day = new Date(end - DAY).toISOString().slice(0, 10);
      const scores = Array.from({ length: 8 }, (_, i) => (i * 37 + end / DAY) % 101);
      health.set(day, scores);
      await db
        .insertInto('account_health')
        .values(
          scores.map((score, i) => ({
            project_id: project.id,
            account_id: `acct-0${i}`,
            day,
            score,
            components: '{}',
            abc: null,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }, 180_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('refuses bad goals with a 400 that names the field', async () => {
    const good: GoalInput = {
      name: 'Retained',
      metric: 'logo_retention',
      params: { days: 28 },
      target: 80,
      cadence: 'weekly',
    };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ ...good, metric: 'happiness' }, /metric/],
      [{ ...good, params: {} }, /params\.days/],
      [{ ...good, params: { days: 0 } }, /params\.days/],
      [{ ...good, params: { days: 28, feature: 'x' } }, /params\.feature/],
      [{ ...good, params: { weeks: 2 } }, /params/],
      [{ ...good, metric: 'average_health', params: { days: 28 } }, /params\.days/],
      [{ ...good, metric: 'feature_adoption', params: {} }, /params\.feature/],
      [{ ...good, metric: 'repeat_use', params: { periods: 1 } }, /params\.periods/],
      [{ ...good, metric: 'nps', params: { surveyId: randomUUID() } }, /params\.surveyId/],
      [{ ...good, target: 150 }, /target/],
      [{ ...good, target: 'high' }, /target/],
      [{ ...good, cadence: 'daily' }, /cadence/],
      [{ ...good, direction: 'around' }, /direction/],
    ];
    for (const [body, field] of cases) {
      const res = await api<Failure>('POST', 'goals', body);
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({
        body,
        status: 400,
        code: 'invalid_input',
      });
      expect(res.body.error.message).toMatch(field);
    }
    const created = await api<Goal>('POST', 'goals', good);
    expect(created.status).toBe(201);
    expect((await api<Failure>('PATCH', `goals/${created.body.id}`, { target: -1 })).status).toBe(400);
    expect((await api('DELETE', `goals/${created.body.id}`)).status).toBe(204);
    expect((await api('GET', `goals/${created.body.id}/snapshots`)).status).toBe(404);
  });

  it('lets any member read goals and only owners and admins change them', async () => {
    const session = await TestSession.signIn(t.url, viewer.email, viewer.password);
    expect((await session.call('GET', `/v1/projects/${project.id}/goals`)).status).toBe(200);
    const refused = await session.call('POST', `/v1/projects/${project.id}/goals`, {
      name: 'No',
      metric: 'customer_age',
      target: 10,
      cadence: 'weekly',
    });
    expect(refused.status).toBe(403);
  });

  it('snapshots each goal for two consecutive periods, equal to a brute-force computation', async () => {
    const metrics: Omit<GoalInput, 'cadence' | 'name'>[] = [
      { metric: 'logo_retention', params: { days: 28 }, target: 80 },
      { metric: 'active_share', params: { days: 60 }, target: 50 },
      { metric: 'feature_adoption', params: { feature: 'reports' }, target: 40 },
      { metric: 'average_health', target: 60, direction: 'at_most' },
      { metric: 'repeat_use', params: { periods: 4 }, target: 2 },
      { metric: 'customer_age', target: 300 },
      { metric: 'nps', params: { surveyId }, target: 0 },
    ];
    for (const cadence of ['weekly', 'monthly'] as const) {
      for (const m of metrics) {
        const name =
          m.metric === 'logo_retention' ? `<Logo> retention & co (${cadence})` : `${m.metric} ${cadence}`;
        const res = await api<Goal>('POST', 'goals', { ...m, name, cadence });
        expect(res.status).toBe(201);
        goals.push(res.body);
      }
    }
    const snapshotsOf = async (goal: Goal) =>
      (
        await getJson<GoalSnapshotList>(
          `${t.url}/v1/projects/${project.id}/goals/${goal.id}/snapshots`,
          project.secretKey,
        )
      ).body.snapshots;

    // A new goal is measured at once for the last ended period, its baseline: shown, not emailed.
    await until(
      'every goal’s baseline',
      async () => Promise.all(goals.map(snapshotsOf)),
      (all) => all.every((s) => s.length === 1),
      120_000,
    );
    const reports = () =>
      t.app
        .get<Kysely<Database>>(DB)
        .selectFrom('email_outbox')
        .select(['recipient', 'status'])
        .where('project_id', '=', project.id)
        .where('kind', '=', 'goal_report')
        .execute();
    expect(await reports()).toEqual([]);

    // The current week and month end: the notifier's job, run then, measures them too.
    const later = Math.max(periodStart(now, 'weekly', -1), periodStart(now, 'monthly', -1)) + 3_600_000;
    expect(await t.app.get(GoalReportService).run(project.id, later)).toBe(1);

    for (const goal of goals) {
      const snapshots = (await snapshotsOf(goal)).slice(0, 2);
      const expected = [1, 0].map((back) => {
        const start = periodStart(now, goal.cadence, back);
        const end = periodStart(now, goal.cadence, back - 1);
        const value = goalReference(events, {
          projectId: project.id,
          metric: goal.metric,
          params: goal.params,
          cadence: goal.cadence,
          start,
          end,
          healthScores: health.get(new Date(end - DAY).toISOString().slice(0, 10)),
        });
        return {
          periodStart: new Date(start).toISOString(),
          periodEnd: new Date(end).toISOString(),
          value,
          target: goal.target,
          onTrack:
            value !== null && (goal.direction === 'at_least' ? value >= goal.target : value <= goal.target),
        };
      });
      expect({ goal: goal.name, snapshots: snapshots.map(({ computedAt: _c, ...s }) => s) }).toEqual({
        goal: goal.name,
        snapshots: expected,
      });
      expect(expected.some((s) => s.value !== null)).toBe(true);
    }

    const listed = await api<{ goals: Goal[] }>('GET', 'goals');
    const monthly = listed.body.goals.find((g) => g.id === goals[goals.length - 1]!.id)!;
    expect(monthly.latest?.periodStart).toBe(new Date(periodStart(now, 'monthly', 0)).toISOString());
    expect(monthly.previous?.periodStart).toBe(new Date(periodStart(now, 'monthly', 1)).toISOString());
  }, 240_000);

  it('emails the owner each goal on or off track once per period, escaped', async () => {
    const report = await until(
      'the goals report',
      async () => smtp.to(owner.email),
      (mails) => mails.length >= 1,
      60_000,
    );
    expect(report).toHaveLength(1);
    const mail = report[0]!;
    expect(mail.subject).toMatch(new RegExp(`^Goals <${suffix}> & co: \\d+ of (7|14) goals on track`));
    expect(mail.html).toContain('&lt;Logo&gt; retention &amp; co');
    expect(mail.html).not.toContain('<Logo>');
    expect(mail.text).toMatch(/(on|off) track\. (Up|Down|Unchanged|No change)/);
    expect(mail.text).toContain('https://bindery.example.com/outcomes');
    expect(smtp.to(viewer.email)).toHaveLength(0);

    // Running again, at any time within the period, sends nothing new; the next period's end sends one more.
    const reports = t.app.get(GoalReportService);
    const later = Math.max(periodStart(now, 'weekly', -1), periodStart(now, 'monthly', -1)) + 3_600_000;
    expect(await reports.run(project.id, later + 3_600_000)).toBe(0);
    expect(await reports.run(project.id, Date.now())).toBe(0);
    const next = later + 32 * DAY;
    expect(await reports.run(project.id, next)).toBe(1);
    expect(await reports.run(project.id, next)).toBe(0);
    await until(
      'the next period’s report',
      async () => smtp.to(owner.email),
      (mails) => mails.length >= 2,
      60_000,
    );
    const outbox = await t.app
      .get<Kysely<Database>>(DB)
      .selectFrom('email_outbox')
      .select(['recipient', 'status'])
      .where('project_id', '=', project.id)
      .where('kind', '=', 'goal_report')
      .execute();
    expect(outbox).toHaveLength(2);
    expect(outbox.every((row) => row.recipient === owner.email)).toBe(true);
    expect(smtp.to(owner.email)).toHaveLength(2);
  }, 180_000);
});
