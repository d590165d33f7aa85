import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type OutboxEmail,
  type Rule,
  type RuleEffect,
  type RuleRun,
  type Signal,
  type Task,
} from '@bindery/contracts';
import { isHeldOut } from '@bindery/rules';
import { bearer, eventRow, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
/** How long the notifier may take over a few hundred emails and tasks on a busy machine. */
const SETTLE_MS = 120_000;

/**
 * Hold-outs end to end: a never-adopted rule at 30 % hold-out emails and tasks only its treated subjects; the
 * held-out ones get a signal marked held out and nothing else (read from the outbox and the tasks); a second
 * run, with new subjects, keeps every subject in the arm its hash gives. Bad hold-outs and goals are refused
 * with a 400 naming the field, and a change starts a new version whose effect is reported apart.
 */
describe('rule hold-outs', () => {
  let app: TestApp;
  let project: CreatedProject;
  let rule: Rule;
  const now = Date.now();

  const url = (path: string) => `${app.url}/v1/projects/${project.id}/${path}`;
  const get = <T>(path: string) => getJson<T>(url(path), project.secretKey);
  const post = <T>(path: string, body: unknown) =>
    postJson<T>(url(path), body, { authorization: bearer(project.secretKey) });
  const patch = async (path: string, body: unknown) => {
    const res = await fetch(url(path), {
      method: 'PATCH',
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Rule & { error?: { message: string } } };
  };

  /**
   * Users first seen `daysAgo` days ago, each in an account of their own, with an email, never using "import".
   * A run after the first looks only at users whose 7 days ended since it: first seen 8 days ago.
   */
  async function addUsers(from: number, count: number, daysAgo: number): Promise<void> {
    const rows: EventRow[] = [];
    for (let i = from; i < from + count; i++) {
      const user = `u${i}`;
      const at = now - daysAgo * DAY;
      rows.push(eventRow(project.id, at, { user_id: user, account_id: `acct-${user}` }));
      rows.push(
        eventRow(project.id, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: user,
          traits: JSON.stringify({ email: `${user}@example.com`, name: user }),
        }),
      );
    }
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });
  }

  async function runRules(): Promise<RuleRun> {
    const started = await post<RuleRun>('rules/run', {});
    return (
      await until(
        'the rules run',
        () => get<RuleRun>(`rules/runs/${started.body.id}`),
        (r) => r.body.status === 'done' || r.body.status === 'failed',
        60_000,
      )
    ).body;
  }

  const signals = async () => (await get<{ signals: Signal[] }>('signals?limit=500')).body.signals;
  const emails = async () => (await get<{ emails: OutboxEmail[] }>('emails?limit=500')).body.emails;
  const tasks = async () => (await get<{ tasks: Task[] }>('tasks?limit=500')).body.tasks;

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { RULES_INTERVAL_SECONDS: '0' });
    project = await app.createProject('holdout');
    for (const r of (await get<{ rules: Rule[] }>('rules')).body.rules) {
      await fetch(url(`rules/${r.id}`), {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
    }
    await post('email-templates', {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}?',
      html: '<p><a href="{{content.url}}">{{content.title}}</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: '{{content.title}}: {{content.url}} Unsubscribe: {{unsubscribeUrl}}',
    });
    await post('training-content', {
      key: 'import',
      title: 'Importing',
      url: 'https://help.example.com/i',
      summary: 's',
    });
    await addUsers(0, 150, 10);
    const created = await post<Rule>('rules', {
      name: 'import',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'import', days: 7 },
      cooldownHours: 24,
      enabled: true,
      holdoutPct: 30,
      actions: [
        { kind: 'email', template: 'try-it' },
        { kind: 'task', severity: 'medium' },
      ],
    });
    if (created.status !== 201) throw new Error(`rule: ${created.status} ${JSON.stringify(created.body)}`);
    rule = created.body;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('gives the rule its type’s default goal and the hold-out asked for', () => {
    expect(rule.holdoutPct).toBe(30);
    expect(rule.goal).toEqual({ event: '$feature', goalDays: 14 });
  });

  it('emails and tasks only the treated subjects; the held-out ones get a signal marked held out', async () => {
    const run = await runRules();
    expect(run.status).toBe('done');
    const raised = await signals();
    expect(raised).toHaveLength(150);
    for (const s of raised) expect(s.heldOut).toBe(isHeldOut(rule.id, `user:${s.userId}`, 30));
    const held = raised.filter((s) => s.heldOut);
    const treated = raised.filter((s) => !s.heldOut);
    expect(held.length).toBeGreaterThan(20);
    expect(run.counts.heldOut).toBe(held.length);

    const outbox = await until(
      'the training emails',
      emails,
      (e) => e.filter((m) => m.kind === 'training' && m.status === 'sent').length === treated.length,
      SETTLE_MS,
    );
    const heldIds = new Set(held.map((s) => s.id));
    expect(outbox.filter((m) => m.signalId !== null && heldIds.has(m.signalId))).toEqual([]);
    expect(new Set(outbox.filter((m) => m.kind === 'training').map((m) => m.recipient))).toEqual(
      new Set(treated.map((s) => `${s.userId}@example.com`)),
    );
    const made = await until('the tasks', tasks, (t) => t.length === treated.length, SETTLE_MS);
    expect(made.flatMap((t) => t.signalIds).filter((id) => heldIds.has(id))).toEqual([]);
  }, 300_000);

  it('keeps every subject in its arm on a second run with new subjects', async () => {
    const before = new Map((await signals()).map((s) => [s.id, s.heldOut]));
    await addUsers(150, 150, 8);
    await runRules();
    const after = await signals();
    expect(after).toHaveLength(300);
    for (const s of after) {
      expect(s.heldOut).toBe(isHeldOut(rule.id, `user:${s.userId}`, 30));
      if (before.has(s.id)) expect(s.heldOut).toBe(before.get(s.id));
    }
    const treated = after.filter((s) => !s.heldOut).length;
    await until(
      'the new training emails',
      emails,
      (e) => e.filter((m) => m.kind === 'training' && m.status === 'sent').length === treated,
      SETTLE_MS,
    );
    expect((await emails()).filter((m) => m.kind === 'training')).toHaveLength(treated);
  }, 300_000);

  it('reports the effect, every window still open', async () => {
    const effect = await get<RuleEffect>(`rules/${rule.id}/effect`);
    expect(effect.status).toBe(200);
    const raised = await signals();
    expect(effect.body).toMatchObject({
      ruleId: rule.id,
      version: rule.version,
      holdoutPct: 30,
      method: 'newcombe-hybrid-score',
      complete: false,
      lift: null,
      interval: null,
      treated: { subjects: 0, pending: raised.filter((s) => !s.heldOut).length },
      heldOut: { subjects: 0, pending: raised.filter((s) => s.heldOut).length },
    });
  });

  it.each([
    [{ holdoutPct: 60 }, 'holdoutPct'],
    [{ holdoutPct: -1 }, 'holdoutPct'],
    [{ goal: { goalDays: 7 } }, 'event'],
    [{ goal: { event: '', goalDays: 7 } }, 'goal.event'],
    [{ goal: { event: 'Upgraded', goalDays: 91 } }, 'goalDays'],
    [{ goal: { event: '$next_step', goalDays: 7 } }, 'goal.event'],
  ])('refuses %j with a 400 naming %s', async (change, field) => {
    const res = await patch(`rules/${rule.id}`, change);
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain(field);
  });

  it('starts a new version on a change of hold-out or goal, and reports each version apart', async () => {
    const res = await patch(`rules/${rule.id}`, { goal: { event: 'Import Started', goalDays: 7 } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(rule.version + 1);
    const current = (await get<RuleEffect>(`rules/${rule.id}/effect`)).body;
    expect(current).toMatchObject({
      version: rule.version + 1,
      goal: { event: 'Import Started', goalDays: 7 },
    });
    expect(current.treated.pending + current.heldOut.pending).toBe(0);
    expect(current.versions).toEqual([rule.version + 1, rule.version]);
    const first = (await get<RuleEffect>(`rules/${rule.id}/effect?version=${rule.version}`)).body;
    expect(first.goal).toEqual({ event: '$feature', goalDays: 14 });
    expect(first.treated.pending + first.heldOut.pending).toBe(300);
    expect((await get(`rules/${rule.id}/effect?version=9`)).status).toBe(400);
  });
});
