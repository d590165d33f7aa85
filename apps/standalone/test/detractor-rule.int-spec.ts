import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type RuleRun,
  type Signal,
  type TaskListItem as Task,
} from '@bindery/contracts';
import { bearer, eventRow, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const HOUR = 3_600_000;
const SURVEY = '01a0a0a0-0000-7000-8000-0000000000aa';

/**
 * The detractor rule on the standalone app (rules worker and notifier over Redis): one task per account whose
 * latest answer is a detractor's, with the comment in it; the account's next answer, a promoter's, resolves it.
 */
describe('detractor rule: a task per detractor account, resolved by a promoter', () => {
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();

  const api = <T>(path: string, body?: unknown) =>
    body === undefined
      ? getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey)
      : postJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, body, {
          authorization: bearer(project.secretKey),
        });
  const answer = (
    hoursAgo: number,
    account: string,
    user: string,
    kind: string,
    score: number,
    comment = '',
  ) =>
    eventRow(project.id, now - hoursAgo * HOUR, {
      event: 'survey answered',
      feature: 'survey answered',
      user_id: user,
      account_id: account,
      properties: JSON.stringify({ surveyId: SURVEY, kind, score, ...(comment ? { comment } : {}) }),
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

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject('detractors');
    for (const r of (await api<{ rules: { id: string }[] }>('rules')).body.rules) {
      await fetch(`${app.url}/v1/projects/${project.id}/rules/${r.id}`, {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
    }
    await insert([
      answer(48, 'acct-a', 'a1', 'nps', 3, 'Exports <b>break</b> every week'),
      answer(24, 'acct-a', 'a2', 'nps', 5, 'Slow & "clunky"'),
      answer(30, 'acct-b', 'b1', 'csat', 2),
      answer(30, 'acct-c', 'c1', 'nps', 10),
      answer(30, 'acct-d', 'd1', 'nps', 7),
      answer(40, 'acct-e', 'e1', 'nps', 2),
      answer(20, 'acct-e', 'e2', 'nps', 9),
      answer(30, 'acct-f', 'f1', 'csat', 3),
      answer(30, 'acct-g', 'g1', 'open', 0, 'Dark mode'),
    ]);
    const rule = await api('rules', {
      name: 'detractors',
      type: 'detractor',
      scope: 'account',
      params: { lookbackDays: 90 },
      cooldownHours: 0,
      enabled: true,
      actions: [{ kind: 'task', severity: 'high' }],
    });
    expect(rule.status).toBe(201);
  });
  afterAll(() => app.close());

  it('opens exactly one task per detractor account, with the latest comment in it', async () => {
    await run();
    await until('two tasks', tasks, (list) => list.length >= 2);
    const open = await tasks();
    expect(open.map((t) => t.accountId).sort()).toEqual(['acct-a', 'acct-b']);
    const a = open.find((t) => t.accountId === 'acct-a')!;
    expect(a.title).toContain('NPS 5');
    expect(a.body).toContain('a2');
    expect(a.body).toContain('“Slow & "clunky"”');
    expect(open.find((t) => t.accountId === 'acct-b')!.title).toContain('CSAT 2');

    await run();
    expect((await tasks()).length).toBe(2);
    expect((await signals()).length).toBe(2);
  });

  it('resolves an account’s signal and closes its task when its next answer is a promoter’s', async () => {
    await insert([answer(1, 'acct-a', 'a1', 'nps', 10), answer(1, 'acct-b', 'b1', 'csat', 3)]);
    await run();
    const list = await until('acct-a’s task closes', tasks, (l) =>
      l.some((t) => t.accountId === 'acct-a' && t.status === 'done'),
    );
    const a = list.find((t) => t.accountId === 'acct-a')!;
    expect(a).toMatchObject({ status: 'done', outcome: 'condition_cleared' });
    expect(list.find((t) => t.accountId === 'acct-b')!.status).toBe('open');
    const resolved = (await signals()).filter((s) => s.resolvedAt !== null);
    expect(resolved.map((s) => s.accountId)).toEqual(['acct-a']);
    expect(resolved[0]!.resolution).toBe('next answer a promoter’s: NPS 10');
  });
});
