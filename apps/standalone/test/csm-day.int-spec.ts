import { randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type CsmList,
  type EventRow,
  type Note,
  type NoteList,
  type RuleRun,
  type Task,
  type TaskDetail,
  type TaskList,
  type TaskListItem,
} from '@bindery/contracts';
import { AccountHealthRepository } from '@bindery/db';
import { JobProducer, QUEUES } from '@bindery/queue';
import {
  bearer,
  eventRow,
  nth,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const NOW_CSM = 'now@vendor.example';
const LATER_CSM = 'later@vendor.example';
const OTHER_CSM = 'omar@vendor.example';
const PUBLIC_URL = 'https://bindery.vendor.example';
/** The accounts: their name, MRR (so A, A and C) and CSM. */
const ACCOUNTS = {
  'a-now': { name: 'Northwind Traders', mrr: 5000, csm_email: NOW_CSM },
  'a-later': { name: 'Lakeside Labs', mrr: 4000, csm_email: LATER_CSM },
  'a-plain': { name: 'Plainfield', mrr: 10, csm_email: NOW_CSM },
};
type AccountId = keyof typeof ACCOUNTS;

/**
 * A CSM's day through the API and a real SMTP server: one email per P1 task (at once, or in the digest as the
 * CSM chose), notify_csm on its own only for rules that make no task; tasks named after their account with its
 * MRR, class and health trend, sorted and searched; tasks made by hand, notes, outcomes, and the CSM list.
 */
describe('the CSM’s day', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);
  const taskOf = new Map<AccountId, TaskListItem>();

  async function call<T>(method: string, path: string, body?: unknown, actor?: string) {
    const res = await fetch(`${app.url}/v1/projects/${project.id}/${path}`, {
      method,
      headers: {
        authorization: bearer(project.secretKey),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(actor === undefined ? {} : { 'x-bindery-actor': actor }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  const get = async <T>(path: string) => {
    const res = await call<T>('GET', path);
    expect([path, res.status]).toEqual([path, 200]);
    return res.body;
  };
  const idle = async (queue: string) => {
    const counts = await app.app
      .get<Queue>(getQueueToken(queue))
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };
  const subjects = (address: string) => smtp.to(address).map((m) => m.subject ?? '');

  const row = (over: Partial<EventRow>) =>
    eventRow(project.id, (today - 10) * DAY + 12 * 3_600_000, { received_at: now, ...over });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL,
    });
    project = await app.createProject('csm day');
    const rows: EventRow[] = [];
    for (const [account, traits] of Object.entries(ACCOUNTS)) {
      const user = `u-${account}`;
      rows.push(row({ user_id: user, account_id: account }));
      rows.push(
        row({
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

    expect(
      (
        await call('PUT', 'settings', {
          healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
          keyFeatures: [],
          csms: [
            { email: NOW_CSM, name: 'Nora', alerts: 'immediate' },
            { email: LATER_CSM, name: 'Lars', alerts: 'digest' },
          ],
        })
      ).status,
    ).toBe(200);
    for (const r of (await get<{ rules: { id: string }[] }>('rules')).rules)
      await call('DELETE', `rules/${r.id}`);
    const rule = (feature: string, actions: unknown[]) => ({
      name: `never tried ${feature}`,
      type: 'never_adopted',
      scope: 'user',
      params: { feature, days: 7 },
      cooldownHours: 24,
      enabled: true,
      actions,
    });
    await call('POST', 'rules', rule('import', [{ kind: 'task', severity: 'high' }, { kind: 'notify_csm' }]));
    await call('POST', 'rules', rule('export', [{ kind: 'notify_csm' }]));
    const started = await call<RuleRun>('POST', 'rules/run', {});
    await until(
      'the rules run',
      () => get<RuleRun>(`rules/runs/${started.body.id}`),
      (r) => r.status === 'done',
    );
    const tasks = await until(
      'the tasks',
      () => get<TaskList>('tasks'),
      (t) => t.tasks.length === 3,
    );
    for (const t of tasks.tasks) taskOf.set(t.accountId as AccountId, t);
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

  it('sends one email per P1 task, at once or in the digest as the CSM chose; notify_csm alone only without a task', async () => {
    const nowTask = taskOf.get('a-now') as Task;
    const laterTask = taskOf.get('a-later') as Task;
    const plainTask = taskOf.get('a-plain') as Task;
    const about = (address: string, task: Task) => subjects(address).filter((s) => s.includes(task.title));

    expect([nowTask.priority, laterTask.priority, plainTask.priority]).toEqual(['P1', 'P1', 'P2']);
    // The P1 task's alert, and no notice beside it.
    expect(about(NOW_CSM, nowTask)).toEqual([`[P1] ${nowTask.title}`]);
    // It links to the task and to its account in the dashboard, in both parts.
    const alert = smtp.to(NOW_CSM).find((m) => m.subject === `[P1] ${nowTask.title}`)!;
    const taskUrl = `${PUBLIC_URL}/tasks?view=all&task=${nowTask.id}`;
    expect(alert.text).toContain(`The task: ${taskUrl}\nThe account: ${PUBLIC_URL}/accounts/a-now`);
    const hrefs = [...String(alert.html).matchAll(/href="([^"]*)"/g)].map((m) =>
      m[1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'),
    );
    expect(hrefs).toEqual([taskUrl, `${PUBLIC_URL}/accounts/a-now`]);
    // The P2 task waits for the digest; the CSM who chose the digest gets no alert.
    expect(about(NOW_CSM, plainTask)).toEqual([]);
    expect(about(LATER_CSM, laterTask)).toEqual([]);
    // The rule without a task notifies the CSM of each signal on its own.
    expect(
      subjects(NOW_CSM)
        .filter((s) => s.includes('has not tried export'))
        .sort(),
    ).toEqual([
      'User u-a-now (Northwind Traders) has not tried export',
      'User u-a-plain (Plainfield) has not tried export',
    ]);
    const notice = smtp.to(NOW_CSM).find((m) => m.subject?.startsWith('User u-a-now'))!;
    expect(notice.text).toContain(`The account: ${PUBLIC_URL}/accounts/a-now`);
    expect(subjects(LATER_CSM)).toEqual(['User u-a-later (Lakeside Labs) has not tried export']);

    const job = await app.app
      .get(JobProducer)
      .enqueue('csm-digest', { projectId: project.id }, { jobId: `digest-${randomUUID()}` });
    await until(
      'the digest',
      () => job.getState(),
      (state) => state === 'completed',
    );
    const digest = await until(
      'the digest email',
      async () => smtp.to(LATER_CSM).filter((m) => m.subject?.startsWith('Your Bindery tasks')),
      (m) => m.length === 1,
    );
    expect(digest[0]?.subject).toBe('Your Bindery tasks: 1 new, 0 overdue');
    expect(digest[0]?.text).toContain(`New P1:\n- ${laterTask.title} (due `);
    expect(digest[0]?.text).toContain(`) ${PUBLIC_URL}/tasks?view=all&task=${laterTask.id}\n`);
    expect(digest[0]?.text).toContain(`All your tasks: ${PUBLIC_URL}/tasks?view=mine`);
    const nowDigest = await until(
      'the other digest',
      async () => smtp.to(NOW_CSM).filter((m) => m.subject?.startsWith('Your Bindery tasks')),
      (m) => m.length === 1,
    );
    expect(nowDigest[0]?.text).toMatch(/New P1:\n- .*Northwind.*\nNew, P2 to P4:\n- \[P2\] .*Plainfield/);
  });

  it('names each task after its account and shows its MRR, class and health trend', async () => {
    const day = (daysBefore: number) => new Date((today - daysBefore) * DAY).toISOString().slice(0, 10);
    const healthRepo = app.app.get(AccountHealthRepository);
    // A score 8 days back at least: the trend's start is the newest score a week or more before the latest.
    await healthRepo.upsertMany(project.id, day(8), [
      { accountId: 'a-now', score: 90, components: {}, abc: 'A' },
    ]);
    const listed = nth((await get<TaskList>('tasks?accountId=a-now')).tasks, 0);
    const latest = (await healthRepo.latest(project.id, ['a-now'])).get('a-now');
    const weekBefore = new Date(Date.parse(`${latest?.day}T00:00:00Z`) - 7 * DAY).toISOString().slice(0, 10);
    const before = (await healthRepo.history(project.id, 'a-now', day(30)))
      .filter((h) => h.day <= weekBefore)
      .at(-1);

    expect(before?.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(listed.title).toBe('User u-a-now (Northwind Traders) has not tried import');
    expect(listed.account).toEqual({
      id: 'a-now',
      name: 'Northwind Traders',
      mrr: 5000,
      abc: 'A',
      health: { score: latest?.score, day: latest?.day, before: { score: before?.score, day: before?.day } },
    });
    expect((await get<TaskDetail>(`tasks/${listed.id}`)).account).toEqual(listed.account);
  });

  it('sorts by MRR and health and searches by account name, id and title, paging by cursor', async () => {
    const all = 'status=open,in_progress,snoozed,done,dismissed';
    const ids = (list: TaskList) => list.tasks.map((t) => t.accountId);
    async function everyPage(query: string): Promise<(string | null)[]> {
      const seen: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const page: TaskList = await get<TaskList>(
          `tasks?${all}&${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      return seen;
    }

    expect(await everyPage('sort=mrr')).toEqual(['a-now', 'a-later', 'a-plain']);
    const byHealth = (await get<TaskList>(`tasks?${all}&sort=health`)).tasks;
    expect(await everyPage('sort=health')).toEqual(ids({ tasks: byHealth, nextCursor: null }));
    expect(byHealth.map((t) => t.account?.health?.score ?? 1000)).toEqual(
      byHealth.map((t) => t.account?.health?.score ?? 1000).sort((a, b) => a - b),
    );
    expect(ids(await get<TaskList>('tasks?q=lakeside'))).toEqual(['a-later']);
    expect(ids(await get<TaskList>('tasks?q=A-PLAIN'))).toEqual(['a-plain']);
    expect(ids(await get<TaskList>('tasks?q=u-a-now'))).toEqual(['a-now']);
    expect(ids(await get<TaskList>('tasks?q=nobody'))).toEqual([]);

    const first = await get<TaskList>(`tasks?${all}&sort=mrr&limit=1`);
    const wrong = await call<{ error: { code: string; message: string } }>(
      'GET',
      `tasks?sort=health&cursor=${first.nextCursor}`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toBe('cursor is of the mrr order, not of health');
  });

  it('makes a task by hand on a known account, with its author from X-Bindery-Actor', async () => {
    const made = await call<Task>(
      'POST',
      'tasks',
      {
        accountId: 'a-plain',
        title: ' Renewal call ',
        body: 'Talk about the renewal.',
        assignee: 'Omar@Vendor.Example',
      },
      'Nora@Vendor.Example',
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      accountId: 'a-plain',
      ruleId: null,
      title: 'Renewal call',
      priority: 'P3',
      status: 'open',
      assignee: OTHER_CSM,
      signalIds: [],
    });
    expect(Date.parse(made.body.dueAt) - Date.parse(made.body.createdAt)).toBeCloseTo(7 * DAY, -4);
    const detail = await get<TaskDetail>(`tasks/${made.body.id}`);
    expect(detail.timeline).toEqual([
      expect.objectContaining({
        actor: 'nora@vendor.example',
        change: { created: true, priority: 'P3', assignee: OTHER_CSM },
      }),
    ]);
    expect(detail.account?.name).toBe('Plainfield');

    const due = new Date(now + 2 * DAY).toISOString();
    const urgent = await call<Task>('POST', 'tasks', {
      accountId: 'a-now',
      title: 'Call now',
      priority: 'P1',
      dueAt: due,
    });
    expect(urgent.body).toMatchObject({ priority: 'P1', dueAt: due, assignee: null });
    expect((await get<TaskDetail>(`tasks/${urgent.body.id}`)).timeline[0]?.actor).toBe('api');

    for (const [body, actor, status, code] of [
      [{ accountId: 'nope', title: 'x' }, undefined, 404, 'not_found'],
      [{ accountId: 'a-now', title: '   ' }, undefined, 400, 'invalid_input'],
      [
        { accountId: 'a-now', title: 'x', assignee: 'Omar <omar@vendor.example>' },
        undefined,
        400,
        'invalid_input',
      ],
      [{ accountId: 'a-now', title: 'x', ruleId: randomUUID() }, undefined, 400, 'invalid_input'],
      [{ accountId: 'a-now', title: 'x' }, 'Nora <nora@vendor.example>', 400, 'invalid_input'],
    ] as const) {
      const res = await call<{ error: { code: string } }>('POST', 'tasks', body, actor);
      expect([body, res.status, res.body.error.code]).toEqual([body, status, code]);
    }
  });

  it('keeps notes on accounts and tasks: on the account’s list, newest first, and in the task’s timeline', async () => {
    const task = taskOf.get('a-later') as Task;
    const onAccount = await call<Note>(
      'POST',
      'accounts/a-later/notes',
      { body: 'Met them at the fair.' },
      LATER_CSM,
    );
    const onTask = await call<Note>('POST', `tasks/${task.id}/notes`, { body: ' Sent the import guide. ' });

    expect(onAccount.status).toBe(201);
    expect(onAccount.body).toMatchObject({ accountId: 'a-later', taskId: null, author: LATER_CSM });
    expect(onTask.body).toMatchObject({
      accountId: 'a-later',
      taskId: task.id,
      taskTitle: task.title,
      author: 'api',
      body: 'Sent the import guide.',
    });
    const list = await get<NoteList>('accounts/a-later/notes');
    expect(list.notes.map((n) => n.body)).toEqual(['Sent the import guide.', 'Met them at the fair.']);
    expect(list.nextCursor).toBeNull();
    const paged = await get<NoteList>('accounts/a-later/notes?limit=1');
    expect(
      (await get<NoteList>(`accounts/a-later/notes?limit=1&cursor=${paged.nextCursor}`)).notes[0]?.id,
    ).toBe(onAccount.body.id);
    expect((await get<TaskDetail>(`tasks/${task.id}`)).timeline.at(-1)).toEqual({
      at: onTask.body.createdAt,
      actor: 'api',
      change: { note: 'Sent the import guide.', noteId: onTask.body.id },
    });
    expect((await get<NoteList>('accounts/a-now/notes')).notes).toEqual([]);

    expect((await call('POST', 'accounts/nope/notes', { body: 'x' })).status).toBe(404);
    expect((await call('POST', `tasks/${randomUUID()}/notes`, { body: 'x' })).status).toBe(404);
    expect((await call('POST', `tasks/${task.id}/notes`, { body: '  ' })).status).toBe(400);
  });

  it('closes a task with an outcome, words required for other; reopening clears it', async () => {
    const task = taskOf.get('a-plain') as Task;
    const patch = (body: unknown) =>
      call<Task & { error: { code: string; message: string } }>('PATCH', `tasks/${task.id}`, body, NOW_CSM);

    for (const body of [
      { status: 'done', outcome: 'other' },
      { status: 'done', outcome: 'other', outcomeNote: '   ' },
      { status: 'done', outcome: 'condition_cleared' },
      { status: 'in_progress', outcome: 'resolved' },
      { outcome: 'resolved' },
      { status: 'done', outcomeNote: 'why' },
    ]) {
      const res = await patch(body);
      expect([body, res.status, res.body.error?.code]).toEqual([body, 400, 'invalid_input']);
    }
    const closed = await patch({
      status: 'dismissed',
      outcome: 'other',
      outcomeNote: ' Moved to a partner. ',
    });
    expect(closed.body).toMatchObject({
      status: 'dismissed',
      outcome: 'other',
      outcomeNote: 'Moved to a partner.',
    });
    expect((await get<TaskDetail>(`tasks/${task.id}`)).timeline.at(-1)).toMatchObject({
      actor: NOW_CSM,
      change: { status: 'dismissed', outcome: 'other', outcomeNote: 'Moved to a partner.' },
    });
    const reopened = await patch({ status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', outcome: null, outcomeNote: null });
    const done = await patch({ status: 'done', outcome: 'churn_risk_confirmed' });
    expect(done.body).toMatchObject({ status: 'done', outcome: 'churn_risk_confirmed', outcomeNote: null });
  });

  it('lists the CSMs a task can go to: the listed ones with their alert choice, then the other assignees', async () => {
    const { csms } = await get<CsmList>('csms');

    expect(csms).toEqual([
      {
        email: NOW_CSM,
        name: 'Nora',
        alerts: 'immediate',
        listed: true,
        member: false,
        liveTasks: expect.any(Number) as number,
      },
      { email: LATER_CSM, name: 'Lars', alerts: 'digest', listed: true, member: false, liveTasks: 1 },
      { email: OTHER_CSM, name: null, alerts: 'immediate', listed: false, member: false, liveTasks: 1 },
    ]);
  });

  it('documents the new endpoints and the author header in OpenAPI', async () => {
    const docs = (await (await fetch(`${app.url}/docs/json`)).json()) as {
      paths: Record<
        string,
        Record<string, { parameters?: { name: string; in: string; description?: string }[] }>
      >;
    };
    const base = '/v1/projects/{projectId}';
    for (const [path, method] of [
      ['/tasks', 'post'],
      ['/tasks/{taskId}', 'patch'],
      ['/tasks/{taskId}/notes', 'post'],
      ['/accounts/{accountId}/notes', 'post'],
    ] as const) {
      const header = docs.paths[`${base}${path}`]?.[method]?.parameters?.find((p) => p.in === 'header');
      expect([path, header?.name]).toEqual([path, 'x-bindery-actor']);
      expect(header?.description).toContain('names the author in X-Bindery-Actor');
    }
    expect(Object.keys(docs.paths[`${base}/accounts/{accountId}/notes`] ?? {}).sort()).toEqual([
      'get',
      'post',
    ]);
    expect(docs.paths[`${base}/csms`]?.get).toBeDefined();
    expect(JSON.stringify(docs.paths[`${base}/tasks`]?.get)).toContain('"sort"');
  });
});
