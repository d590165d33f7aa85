import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type ClickHouseClient } from '@clickhouse/client';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type OutboxEmail,
  type RuleRun,
  type Task,
} from '@bindery/contracts';
import { SignalRepository, SuppressionRepository } from '@bindery/db';
import { QUEUES } from '@bindery/queue';
import { bearer, getJson, postJson, startTestApp, type TestApp, eventRow } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const WEBHOOK_SECRET = 'webhook-secret-0123456789';

/** A real SMTP server in-process: 550 for bounce@, 421 once for flaky@, everything else accepted. */
function startSmtp(received: ParsedMail[]): Promise<{ server: SMTPServer; port: number }> {
  const flakyFailed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (address.address.startsWith('bounce@')) {
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      }
      if (address.address.startsWith('flaky@') && !flakyFailed.has(address.address)) {
        flakyFailed.add(address.address);
        return callback(Object.assign(new Error('Try again later'), { responseCode: 421 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.server.address() as AddressInfo).port }),
    );
  });
}

/** The project's webhook: records each request with its raw body. */
function startWebhook(calls: { headers: IncomingMessage['headers']; body: string }[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      calls.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The notifier end to end: rules raise signals, the notifier opens one task per account and rule, emails
 * users their training through a real SMTP server (which bounces one address and defers another once),
 * alerts the CSM, posts the webhook, and honours unsubscribes, suppressions, the frequency cap and snoozes.
 */
describe('notifier with a real SMTP server', () => {
  const received: ParsedMail[] = [];
  const hooks: { headers: IncomingMessage['headers']; body: string }[] = [];
  let smtp: SMTPServer;
  let webhook: Server;
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);

  const api = <T>(path: string, body?: unknown) =>
    body === undefined
      ? getJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, project.secretKey)
      : postJson<T>(`${app.url}/v1/projects/${project.id}/${path}`, body, {
          authorization: bearer(project.secretKey),
        });
  const send = (path: string, method: string, body: unknown) =>
    fetch(`${app.url}/v1/projects/${project.id}/${path}`, {
      method,
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const emails = async () => (await api<{ emails: OutboxEmail[] }>('emails?limit=500')).body.emails;
  /** A header as sent (mailparser turns List-* headers into objects). */
  const header = (mail: ParsedMail, name: string) =>
    mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
  const to = (address: string) => received.filter((m) => m.to && JSON.stringify(m.to).includes(address));

  async function runRules(): Promise<void> {
    const started = await api<RuleRun>('rules/run', {});
    await until(
      'the rules run',
      () => api<RuleRun>(`rules/runs/${started.body.id}`),
      (r) => r.body.status === 'done',
    );
  }

  const row = (over: Partial<EventRow>) =>
    eventRow(project.id, (today - 10) * DAY + 12 * 3_600_000, {
      received_at: now,
      account_id: 'acme',
      ...over,
    });

  beforeAll(async () => {
    let port: number;
    ({ server: smtp, port } = await startSmtp(received));
    webhook = await startWebhook(hooks);
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL: 'https://bindery.example.com',
      LOG_LEVEL: process.env.NOTIFIER_LOG ?? 'silent',
      // The webhook below listens on loopback, which outbound requests may reach only when allow-listed.
      OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
    });
    project = await app.createProject('notifier');
    const users = {
      ann: 'ann@example.com',
      bounce: 'bounce@example.com',
      flaky: 'flaky@example.com',
      nomail: undefined,
    };
    const rows: EventRow[] = [];
    for (const [user, email] of Object.entries(users)) {
      rows.push(row({ user_id: user }));
      rows.push(
        row({
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: user,
          traits: JSON.stringify({ name: `<b>${user}</b>`, ...(email ? { email } : {}) }),
        }),
      );
    }
    rows.push(
      row({
        type: 'group',
        event: '$group',
        feature: '',
        user_id: 'ann',
        traits: JSON.stringify({ csm_email: 'csm@vendor.example', mrr: 900 }),
      }),
    );
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });

    const settings = await send('settings', 'PUT', {
      healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
      keyFeatures: [],
      csmDomains: ['vendor.example'],
      webhook: {
        url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
        secret: WEBHOOK_SECRET,
      },
    });
    if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${await settings.text()}`);
    await api('email-templates', {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}, {{user.first_name}}?',
      html: '<p>Hi {{user.name}}, <a href="{{content.url}}">{{content.title}}</a></p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: 'Hi {{user.name}}, {{content.title}}: {{content.url}} Unsubscribe: {{unsubscribeUrl}}',
    });
    await api('training-content', {
      key: 'import',
      title: 'Importing data',
      url: 'https://help.example.com/import',
      summary: 's',
    });
    await api('training-content', {
      key: 'sharing',
      title: 'Sharing',
      url: 'https://help.example.com/share',
      summary: 's',
    });
    const rules = await api<{ rules: { id: string }[] }>('rules');
    for (const r of rules.body.rules)
      await fetch(`${app.url}/v1/projects/${project.id}/rules/${r.id}`, {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
    await api('rules', {
      name: 'import',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'import', days: 7 },
      cooldownHours: 24,
      enabled: true,
      actions: [
        { kind: 'email', template: 'try-it' },
        { kind: 'task', severity: 'high' },
      ],
    });
    await runRules();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => webhook?.close(() => resolve()));
  });

  it('emails each user once, escaped and with one-click unsubscribe headers', async () => {
    const settled = await until(
      'the outbox',
      emails,
      (e) =>
        e.filter((m) => m.kind === 'training').every((m) => m.status === 'sent' || m.status === 'failed') &&
        e.length >= 4,
    );
    const ann = to('ann@example.com');

    expect(ann).toHaveLength(1);
    expect(ann[0].subject).toBe('Have you tried Importing data, ?');
    expect(ann[0].html).toContain('Hi &lt;b&gt;ann&lt;/b&gt;');
    expect(header(ann[0], 'list-unsubscribe')).toMatch(
      /^<https:\/\/bindery\.example\.com\/v1\/unsubscribe\?token=.+>$/,
    );
    expect(header(ann[0], 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const annRow = settled.find((m) => m.recipient === 'ann@example.com');
    expect(ann[0].messageId).toBe(`<${annRow?.id}@bindery>`);

    const ofAccount = (await api<{ emails: OutboxEmail[] }>('emails?accountId=acme&limit=500')).body.emails;
    const training = settled.filter((m) => m.kind === 'training').map((m) => m.id);
    expect(ofAccount.map((m) => m.id)).toEqual(expect.arrayContaining(training));
    expect((await api<{ emails: OutboxEmail[] }>('emails?accountId=other')).body.emails).toEqual([]);
  });

  it('retries a 421 and delivers once; a 550 fails the email and suppresses the address', async () => {
    const rows = await emails();

    expect(to('flaky@example.com')).toHaveLength(1);
    expect(rows.find((m) => m.recipient === 'flaky@example.com')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(rows.find((m) => m.recipient === 'bounce@example.com')).toMatchObject({ status: 'failed' });
    expect(rows.some((m) => m.recipient.includes('nomail'))).toBe(false);
  });

  it('opens one task for the account, with every signal, tells its CSM and the webhook', async () => {
    const tasks = await until(
      'the task',
      () => api<{ tasks: Task[] }>('tasks'),
      (r) => r.body.tasks.length === 1 && r.body.tasks[0].signalIds.length === 4,
    );
    const task = tasks.body.tasks[0];
    const alerts = await until(
      'the CSM alert',
      async () => to('csm@vendor.example'),
      (m) => m.length === 1,
    );
    await until(
      'the webhook',
      async () => hooks,
      (h) => h.length === 1,
    );
    const [hook] = hooks;
    const signature = createHmac('sha256', WEBHOOK_SECRET)
      .update(`${String(hook.headers['x-bindery-timestamp'])}.${hook.body}`)
      .digest('hex');

    expect(task).toMatchObject({
      accountId: 'acme',
      priority: 'P1',
      assignee: 'csm@vendor.example',
      status: 'open',
    });
    expect(alerts[0].subject).toBe(`[P1] ${task.title}`);
    expect(hook.headers['x-bindery-signature']).toBe(`sha256=${signature}`);
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'task.created',
      text: expect.stringContaining(task.title),
    });
  });

  it('unsubscribes from the link at once, suppresses a bounced address, and caps emails per recipient', async () => {
    const link = header(to('ann@example.com')[0], 'list-unsubscribe') as string;
    const token = new URL(link.slice(1, -1)).searchParams.get('token') as string;
    const unsubscribed = async () =>
      (await app.app.get(SuppressionRepository).list(project.id)).filter((r) => r.reason === 'unsubscribed');
    // A link scanner fetches the link first: that only shows the page that asks.
    const scanned = await fetch(`${app.url}/v1/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(scanned.status).toBe(200);
    expect(await unsubscribed()).toEqual([]);
    // The mailbox provider's RFC 8058 one-click.
    const oneClick = await fetch(`${app.url}/v1/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    const forged = await fetch(
      `${app.url}/v1/unsubscribe?token=${encodeURIComponent(token.slice(0, -2) + 'xx')}`,
    );
    await api('rules', {
      name: 'sharing',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'sharing', days: 7 },
      cooldownHours: 24,
      enabled: true,
      actions: [{ kind: 'email', template: 'try-it' }],
    });
    await runRules();
    const rows = await until(
      'the second round',
      emails,
      (e) => e.filter((m) => m.status === 'skipped').length === 3,
    );

    expect(oneClick.status).toBe(200);
    expect((await unsubscribed()).map((r) => r.email)).toEqual(['ann@example.com']);
    expect(forged.status).toBe(400);
    expect(
      rows
        .filter((m) => m.status === 'skipped')
        .map((m) => [m.recipient, m.skipReason])
        .sort(),
    ).toEqual([
      ['ann@example.com', 'the address is suppressed'],
      ['bounce@example.com', 'the address is suppressed'],
      ['flaky@example.com', 'a training email went to this address in the last 72 h'],
    ]);
    expect(to('ann@example.com')).toHaveLength(1);
  });

  it('keeps a rule quiet for an account while its task is snoozed, and logs the change', async () => {
    const [task] = (await api<{ tasks: Task[] }>('tasks')).body.tasks;
    const until1 = new Date(now + 7 * DAY).toISOString();
    const snoozed = await send(`tasks/${task.id}`, 'PATCH', { snoozedUntil: until1 });
    const detail = await api<{ status: string; timeline: { change: Record<string, unknown> }[] }>(
      `tasks/${task.id}`,
    );

    expect(snoozed.status).toBe(200);
    expect(detail.body.status).toBe('snoozed');
    expect(detail.body.timeline.at(-1)?.change).toEqual({ snoozedUntil: until1 });

    // A new signal of the same rule for the same account, carried out while the task sleeps.
    const [late] = await app.app.get(SignalRepository).insertNew(
      [
        {
          id: randomUUID(),
          projectId: project.id,
          ruleId: task.ruleId as string,
          ruleVersion: 1,
          subjectKey: 'user:late',
          userId: 'late',
          accountId: 'acme',
          periodKey: 'once',
          details: { type: 'never_adopted', feature: 'import' },
        },
      ],
      0,
    );
    const job = await app.app
      .get<Queue>(getQueueToken(QUEUES.signals))
      .add('signal', { projectId: project.id, signalId: late.id });
    const result = await until(
      'the late signal',
      () => job.getState(),
      (state) => state === 'completed',
    );
    const after = await api<{ tasks: Task[] }>('tasks?status=open,in_progress,snoozed');

    expect(result).toBe('completed');
    expect(after.body.tasks).toHaveLength(1);
    expect(after.body.tasks[0].signalIds).not.toContain(late.id);
  });

  it('refuses, when saved, a template that uses a variable it cannot have', async () => {
    const res = await api<{ error: { code: string; message: string } }>('email-templates', {
      name: 'broken',
      subject: 'Hi {{user.nickname}}',
      html: '<p>x</p>',
      text: 'x',
    });

    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'template does not render: {{user.nickname}} in the subject (line 1, column 6) is not a variable',
    );
  });

  it('previews a template for a sample user, escaped, and says why one does not render', async () => {
    const template = {
      subject: 'For {{user.first_name}}',
      html: '<p>{{user.name}}</p>',
      text: '{{feature}}',
    };
    const res = await api<{ subject: string; html: string; text: string }>('email-templates/preview', {
      ...template,
      user: { first_name: 'Bo\r\nBcc: x@evil.example', name: '<i>Bo</i>' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      subject: 'For Bo Bcc: x@evil.example',
      html: '<p>&lt;i&gt;Bo&lt;/i&gt;</p>',
      text: 'export',
    });

    const broken = await api<{ error: { message: string } }>('email-templates/preview', {
      ...template,
      text: '{{user.nickname}}',
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/\{\{user\.nickname\}\} in the text .* is not a variable/);
    const unknownTrait = await api('email-templates/preview', { ...template, user: { nickname: 'x' } });
    expect(unknownTrait.status).toBe(400);
  });

  it('sends each CSM a daily digest of their new and overdue tasks, once a day', async () => {
    const [task] = (await api<{ tasks: Task[] }>('tasks?status=open,in_progress,snoozed')).body.tasks;
    await send(`tasks/${task.id}`, 'PATCH', { status: 'open' });
    const queue = app.app.get<Queue>(getQueueToken(QUEUES.digests));
    for (const attempt of [1, 2]) {
      const job = await queue.add(
        'csm-digest',
        { projectId: project.id },
        { jobId: `digest-test-${attempt}` },
      );
      await until(
        'the digest',
        () => job.getState(),
        (state) => state === 'completed',
      );
    }
    const digests = await until(
      'the digest email',
      async () => to('csm@vendor.example').filter((m) => m.subject?.startsWith('Your Bindery tasks')),
      (m) => m.length >= 1,
    );

    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe('Your Bindery tasks: 1 new, 0 overdue');
    expect(digests[0].text).toContain(task.title);
  });

  it('replays failed emails, still skipping a suppressed address', async () => {
    const before = (await emails()).filter((m) => m.status === 'failed');
    const res = await api<{ replayed: number }>('emails/replay', {});
    const after = await until('the replay', emails, (rows) =>
      before.every((b) => rows.find((r) => r.id === b.id)?.status === 'skipped'),
    );

    expect(before.map((m) => m.recipient)).toEqual(['bounce@example.com']);
    expect(res.body).toEqual({ replayed: 1 });
    expect(after.find((r) => r.id === before[0].id)).toMatchObject({
      status: 'skipped',
      skipReason: 'the address is suppressed',
    });
    expect(to('bounce@example.com')).toHaveLength(0);
  });
});
