import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type RuleRun,
  type Signal,
  type TaskDetail,
  type TaskListItem as Task,
} from '@bindery/contracts';
import { bearer, eventRow, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * Signals that follow the customer, in time order on the standalone app (rules worker and notifier over
 * Redis): accounts go quiet, decline or stall and get one task each; the same day half of them recover, and
 * the next run resolves exactly those, with reasons, and closes their tasks (but not one a person snoozed,
 * which gets a note); a third run changes nothing.
 */
describe('signal lifecycle: tasks close when the problem is gone', () => {
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);
  /** Noon of the day `daysAgo` days before today. */
  const noon = (daysAgo: number) => (today - daysAgo) * DAY + 12 * HOUR;
  /** A moment of today that has passed, `minutes` ago. */
  const earlier = (minutes: number) => now - minutes * 60_000;

  const api = <T>(path: string, body?: unknown) =>
    body === undefined
      ? getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey)
      : postJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, body, {
          authorization: bearer(project.secretKey),
        });
  const send = (path: string, method: string, body?: unknown) =>
    fetch(`${app.url}/v1/projects/${project.id}/${path}`, {
      method,
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** An action; `receivedAt` (default: now) is when ingest stamped it, before its insert. */
  const event = (at: number, account: string, user: string, name = 'Page Viewed', receivedAt = Date.now()) =>
    eventRow(project.id, at, {
      event: name,
      feature: name,
      user_id: user,
      account_id: account,
      received_at: receivedAt,
    });

  const insert = (rows: EventRow[]) =>
    app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });

  async function run(): Promise<RuleRun> {
    const started = await api<RuleRun>('rules/run', {});
    return (
      await until(
        'the rules run',
        () => api<RuleRun>(`rules/runs/${started.body.id}`),
        (r) => r.body.status === 'done',
      )
    ).body;
  }
  const tasks = async () =>
    (await api<{ tasks: Task[] }>('tasks?status=open,in_progress,snoozed,done,dismissed&limit=500')).body
      .tasks;
  const signals = async () => (await api<{ signals: Signal[] }>('signals?limit=500')).body.signals;
  const byAccount = (list: Task[]) => new Map(list.map((t) => [`${t.accountId}|${t.ruleId}`, t]));

  const quiet = ['quiet-1', 'quiet-2', 'quiet-3', 'quiet-4'];
  const declining = ['decline-1', 'decline-2'];
  const stalled = ['stall-1', 'stall-2', 'stall-3', 'stall-4'];
  const rules: Record<'inactivity' | 'decline' | 'stall', string> = {
    inactivity: '',
    decline: '',
    stall: '',
  };
  let firstTasks: Task[];
  /** When the first run was asked for: events received before it may be stored only after it read. */
  let firstRunAt: number;

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject('lifecycle');
    for (const r of (await api<{ rules: { id: string }[] }>('rules')).body.rules)
      await send(`rules/${r.id}`, 'DELETE');

    const rows: EventRow[] = [];
    // Quiet accounts: active 10 to 12 days ago, nothing since.
    for (const a of quiet) for (const d of [10, 11, 12]) rows.push(event(noon(d), a, `${a}-u`));
    // Declining accounts: 10 actions a day for four weeks, then 1 a day for the last week.
    for (const a of declining) {
      for (let d = 8; d <= 35; d++)
        for (let i = 0; i < 10; i++) rows.push(event(noon(d) + i * 60_000, a, `${a}-u`));
      for (let d = 1; d <= 7; d++) rows.push(event(noon(d), a, `${a}-u`));
    }
    // Stalled people: signed up three days ago; two never invited anyone, two invited and never shared.
    for (const a of stalled) rows.push(event(noon(3), a, `${a}-u`, 'Signed Up'));
    for (const a of ['stall-3', 'stall-4']) rows.push(event(noon(3) + HOUR, a, `${a}-u`, 'Invite Sent'));
    await insert(rows);

    const funnel = await api<{ id: string }>('funnels', {
      name: 'Onboarding',
      steps: [{ event: 'Signed Up' }, { event: 'Invite Sent' }, { event: 'Report Shared' }],
      windowSeconds: 14 * 86_400,
      order: 'ordered',
      aggregateBy: 'user',
    });
    const task = [{ kind: 'task', severity: 'medium' }];
    const made = await Promise.all([
      api<{ id: string }>('rules', {
        name: 'quiet accounts',
        type: 'inactivity',
        scope: 'account',
        params: { days: 7, lookbackDays: 30 },
        cooldownHours: 24,
        enabled: true,
        actions: task,
      }),
      api<{ id: string }>('rules', {
        name: 'usage falls',
        type: 'usage_decline',
        scope: 'account',
        params: { metric: 'events', recentDays: 7, baselineDays: 28, thresholdPct: 50, minBaseline: 5 },
        cooldownHours: 24,
        enabled: true,
        actions: task,
      }),
      api<{ id: string }>('rules', {
        name: 'no invite',
        type: 'funnel_stall',
        scope: 'user',
        params: { funnelId: funnel.body.id, stallHours: 24, lookbackDays: 30 },
        cooldownHours: 24,
        enabled: true,
        actions: task,
      }),
    ]);
    for (const m of made) expect(m.status).toBe(201);
    [rules.inactivity, rules.decline, rules.stall] = [made[0].body.id, made[1].body.id, made[2].body.id];
  }, 120_000);
  afterAll(() => app?.close());

  it('opens one task per account and rule for each problem', async () => {
    firstRunAt = Date.now();
    const counts = (await run()).counts;
    firstTasks = await until('the tasks', tasks, (t) => t.length === 10);

    expect(counts).toMatchObject({ signals: 10, resolved: 0 });
    expect(
      firstTasks
        .map((t) => [t.accountId, t.ruleId, t.status])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ...declining.map((a) => [a, rules.decline, 'open']),
      ...quiet.map((a) => [a, rules.inactivity, 'open']),
      ...stalled.map((a) => [a, rules.stall, 'open']),
    ]);
  }, 60_000);

  it('resolves exactly those who recovered the same day, with reasons, and closes their tasks', async () => {
    const snoozed = byAccount(firstTasks).get(`quiet-2|${rules.inactivity}`) as Task;
    const snooze = await send(`tasks/${snoozed.id}`, 'PATCH', {
      status: 'snoozed',
      snoozedUntil: new Date(now + 7 * DAY).toISOString(),
    });
    expect(snooze.status).toBe(200);
    // Two of them reached ingest just before the first run and were stored only after it had read.
    const inFlight = firstRunAt - 1_000;
    await insert([
      event(earlier(30), 'quiet-1', 'quiet-1-u', 'Page Viewed', inFlight),
      event(earlier(25), 'quiet-2', 'quiet-2-u'),
      ...Array.from({ length: 40 }, (_, i) => event(earlier(20) + i, 'decline-1', 'decline-1-u')),
      event(earlier(10), 'stall-1', 'stall-1-u', 'Invite Sent', inFlight),
      event(earlier(5), 'stall-3', 'stall-3-u', 'Report Shared'),
    ]);

    const counts = (await run()).counts;
    const after = byAccount(
      await until('the tasks to follow', tasks, (t) => t.filter((x) => x.status === 'done').length === 4),
    );
    const resolved = (await signals()).filter((s) => s.resolvedAt !== null);

    expect(counts).toMatchObject({ signals: 0, resolved: 5 });
    expect(resolved.map((s) => [s.accountId, s.resolution]).sort()).toEqual([
      ['decline-1', 'usage back up: 46 actions in the last 7 days'],
      ['quiet-1', 'active again: 1 of 1 users this week'],
      ['quiet-2', 'active again: 1 of 1 users this week'],
      ['stall-1', `took step 2 (Invite Sent) on ${new Date(now).toISOString().slice(0, 10)}`],
      ['stall-3', `took step 3 (Report Shared) on ${new Date(now).toISOString().slice(0, 10)}`],
    ]);
    for (const [account, rule] of [
      ['quiet-1', rules.inactivity],
      ['decline-1', rules.decline],
      ['stall-1', rules.stall],
      ['stall-3', rules.stall],
    ]) {
      const task = after.get(`${account}|${rule}`) as Task;
      expect([account, task.status, task.outcome]).toEqual([account, 'done', 'condition_cleared']);
      expect(task.outcomeNote).toBe(resolved.find((s) => s.accountId === account)?.resolution);
    }
    for (const account of ['quiet-3', 'quiet-4', 'decline-2', 'stall-2', 'stall-4']) {
      const task = [...after.values()].find((t) => t.accountId === account) as Task;
      expect([account, task.status]).toEqual([account, 'open']);
    }
    const kept = after.get(`quiet-2|${rules.inactivity}`) as Task;
    expect(kept.status).toBe('snoozed');
    const detail = (await api<TaskDetail>(`tasks/${kept.id}`)).body;
    expect(detail.timeline.at(-1)).toMatchObject({
      actor: 'rules',
      change: { conditionCleared: 'active again: 1 of 1 users this week' },
    });
    const closed = (await api<TaskDetail>(`tasks/${(after.get(`quiet-1|${rules.inactivity}`) as Task).id}`))
      .body;
    expect(closed.timeline.at(-1)).toMatchObject({
      actor: 'rules',
      change: {
        status: 'done',
        outcome: 'condition_cleared',
        reason: 'active again: 1 of 1 users this week',
      },
    });
  }, 60_000);

  it('changes nothing on a third run', async () => {
    const before = await tasks();
    const signalsBefore = await signals();

    const counts = (await run()).counts;
    // Give the notifier the time it took to act before: nothing may follow.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(counts).toMatchObject({ signals: 0, resolved: 0 });
    // The tasks as the rules and the notifier left them (their account's live figures aside).
    const own = (list: Task[]) => list.map(({ account: _account, ...task }) => task);
    expect(own(await tasks())).toEqual(own(before));
    expect(await signals()).toEqual(signalsBefore);
  }, 60_000);
});
