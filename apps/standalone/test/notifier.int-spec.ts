import { createHmac, randomUUID } from 'node:crypto';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely } from 'kysely';
import { type ParsedMail } from 'mailparser';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type OutboxEmail,
  type RuleRun,
  type Task,
} from '@bindery/contracts';
import { DB, type Database, OutboxRepository, SignalRepository, SuppressionRepository } from '@bindery/db';
import { STRANDED_AFTER_MS, StrandedEmails } from '@bindery/outreach';
import { JobProducer } from '@bindery/queue';
import {
  bearer,
  eventRow,
  getJson,
  nth,
  postJson,
  type RecordingServer,
  startRecordingServer,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const WEBHOOK_SECRET = 'webhook-secret-0123456789';

/**
 * The notifier end to end: rules raise signals, the notifier opens one task per account and rule, emails
 * users their training through a real SMTP server (which bounces one address and defers another once),
 * alerts the CSM, posts the webhook, and honours unsubscribes, suppressions, the frequency cap and snoozes.
 * The first round is done and recorded before the tests, so that each runs on its own and in any order.
 */
describe('notifier with a real SMTP server', () => {
  let smtp: TestSmtp;
  let webhook: RecordingServer;
  let app: TestApp;
  /** The outbox, the task and the CSM alert once the first rules run has been carried out. */
  let firstRound: { emails: OutboxEmail[]; task: Task; alert: ParsedMail };
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
  const to = (address: string) => smtp.to(address);
  const isDigest = (mail: ParsedMail) => mail.subject?.startsWith('Your Bindery tasks') ?? false;

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
    // 550 for bounce@, 421 once for flaky@, everything else accepted.
    const deferred = new Set<string>();
    smtp = await startTestSmtp({
      refuse: (recipient) => {
        if (recipient.startsWith('bounce@')) return { code: 550, message: 'No such user' };
        if (!recipient.startsWith('flaky@') || deferred.has(recipient)) return undefined;
        deferred.add(recipient);
        return { code: 421, message: 'Try again later' };
      },
    });
    webhook = await startRecordingServer();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
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
      features: [{ key: 'import', name: 'Data import' }],
      brand: {
        senderName: 'Acme Training',
        senderAddress: 'Training@Acme.example',
        postalAddress: '1 Main St\nSpringfield',
      },
      webhook: {
        url: `${webhook.url}/hook`,
        secret: WEBHOOK_SECRET,
      },
    });
    if (settings.status !== 200) throw new Error(`settings: ${settings.status} ${await settings.text()}`);
    await api('email-templates', {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}, {{firstName user "there"}}?',
      html: '<p>Hi {{user.name}}, <a href="{{content.url}}">{{content.title}}</a> ({{featureName}})</p><p><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
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

    const emailsSettled = await until(
      'the first round of emails',
      emails,
      (e) =>
        e.filter((m) => m.kind === 'training').every((m) => m.status === 'sent' || m.status === 'failed') &&
        e.length >= 4,
    );
    const tasks = await until(
      'the task',
      () => api<{ tasks: Task[] }>('tasks'),
      (r) => r.body.tasks.length === 1 && r.body.tasks[0]?.signalIds.length === 4,
    );
    const [alert] = await until(
      'the CSM alert',
      async () => to('csm@vendor.example').filter((m) => !isDigest(m)),
      (m) => m.length === 1,
    );
    await until(
      'the webhook',
      async () => webhook.requests,
      (h) => h.length === 1,
    );
    if (!alert) throw new Error('the CSM alert went missing');
    firstRound = { emails: emailsSettled, task: nth(tasks.body.tasks, 0), alert };
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    await webhook?.close();
  });

  it('emails each user once, escaped and with one-click unsubscribe headers', async () => {
    const settled = firstRound.emails;
    const ann = to('ann@example.com');

    expect(ann).toHaveLength(1);
    // A name trait that is markup is no name: the greeting falls back.
    expect(ann[0]?.subject).toBe('Have you tried Importing data, there?');
    expect(ann[0]?.html).toContain('Hi &lt;b&gt;ann&lt;/b&gt;');
    expect(ann[0]?.html).toContain('(Data import)');
    // From the project's sender, in its layout: the postal address and the unsubscribe link in both parts.
    expect(ann[0]?.from?.value).toEqual([{ name: 'Acme Training', address: 'training@acme.example' }]);
    expect(ann[0]?.html).toContain('1 Main St<br>Springfield');
    expect(ann[0]?.text).toMatch(
      /\n--\n1 Main St\nSpringfield\nUnsubscribe: https:\/\/bindery\.example\.com\/v1\/unsubscribe\?token=/,
    );
    expect(header(nth(ann, 0), 'list-unsubscribe')).toMatch(
      /^<https:\/\/bindery\.example\.com\/v1\/unsubscribe\?token=.+>$/,
    );
    expect(header(nth(ann, 0), 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const annRow = settled.find((m) => m.recipient === 'ann@example.com');
    expect(ann[0]?.messageId).toBe(`<${annRow?.id}@bindery>`);

    const ofAccount = (await api<{ emails: OutboxEmail[] }>('emails?accountId=acme&limit=500')).body.emails;
    const training = settled.filter((m) => m.kind === 'training').map((m) => m.id);
    expect(ofAccount.map((m) => m.id)).toEqual(expect.arrayContaining(training));
    expect((await api<{ emails: OutboxEmail[] }>('emails?accountId=other')).body.emails).toEqual([]);
  });

  it('retries a 421 and delivers once; a 550 fails the email and suppresses the address', async () => {
    const rows = firstRound.emails;

    expect(to('flaky@example.com')).toHaveLength(1);
    expect(rows.find((m) => m.recipient === 'flaky@example.com')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
    expect(rows.find((m) => m.recipient === 'bounce@example.com')).toMatchObject({ status: 'failed' });
    expect(rows.some((m) => m.recipient.includes('nomail'))).toBe(false);
  });

  it('opens one task for the account, with every signal, tells its CSM and the webhook', async () => {
    const { task, alert } = firstRound;
    const hook = nth(webhook.requests, 0);
    const signature = createHmac('sha256', WEBHOOK_SECRET)
      .update(`${String(hook.headers['x-bindery-timestamp'])}.${hook.body}`)
      .digest('hex');

    expect(task).toMatchObject({
      accountId: 'acme',
      priority: 'P1',
      assignee: 'csm@vendor.example',
      status: 'open',
    });
    expect(alert.subject).toBe(`[P1] ${task.title}`);
    expect(to('csm@vendor.example').filter((m) => !isDigest(m))).toHaveLength(1);
    expect(hook.headers['x-bindery-signature']).toBe(`sha256=${signature}`);
    // The title names the user by their name trait, `<b>nomail</b>`: Slack's text escapes <, > and &.
    expect(task.title).toContain('(<b>nomail</b>, acme)');
    const escaped = task.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(JSON.parse(hook.body)).toMatchObject({
      event: 'task.created',
      text: expect.stringContaining(escaped),
    });
  });

  it('unsubscribes from the link at once, suppresses a bounced address, and caps emails per recipient', async () => {
    const known = new Set((await emails()).map((m) => m.id));
    const link = header(nth(to('ann@example.com'), 0), 'list-unsubscribe') as string;
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
      async () => (await emails()).filter((m) => !known.has(m.id)),
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
    const { task } = firstRound;
    const until1 = new Date(now + 7 * DAY).toISOString();
    const snoozed = await send(`tasks/${task.id}`, 'PATCH', { snoozedUntil: until1 });
    const detail = await api<{ status: string; timeline: { change: Record<string, unknown> }[] }>(
      `tasks/${task.id}`,
    );

    expect(snoozed.status).toBe(200);
    expect(detail.body.status).toBe('snoozed');
    expect(detail.body.timeline.at(-1)?.change).toEqual({ snoozedUntil: until1 });

    // A new signal of the same rule for the same account, carried out while the task sleeps.
    const inserted = await app.app.get(SignalRepository).insertNew(
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
    const late = nth(inserted, 0);
    const job = await app.app
      .get(JobProducer)
      .enqueue('signal', { projectId: project.id, signalId: late.id });
    const result = await until(
      'the late signal',
      () => job.getState(),
      (state) => state === 'completed',
    );
    const after = await api<{ tasks: Task[] }>('tasks?status=open,in_progress,snoozed');

    expect(result).toBe('completed');
    expect(after.body.tasks).toHaveLength(1);
    expect(after.body.tasks[0]?.signalIds).not.toContain(late.id);
    // Awake again, as the other specs find it.
    expect((await send(`tasks/${task.id}`, 'PATCH', { status: 'open' })).status).toBe(200);
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
    // In the project's layout, as sent: the template's output inside, the footer after.
    expect(res.body.subject).toBe('For Bo Bcc: x@evil.example');
    expect(res.body.html).toContain('<p>&lt;i&gt;Bo&lt;/i&gt;</p></td>');
    expect(res.body.html).toContain('<title>For Bo Bcc: x@evil.example</title>');
    expect(res.body.text).toBe(
      'export\n\n--\n1 Main St\nSpringfield\nUnsubscribe: https://bindery.example.com/v1/unsubscribe?token=sample\n',
    );

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
    const task = nth((await api<{ tasks: Task[] }>('tasks?status=open,in_progress,snoozed')).body.tasks, 0);
    await send(`tasks/${task.id}`, 'PATCH', { status: 'open' });
    for (const attempt of [1, 2]) {
      const job = await app.app
        .get(JobProducer)
        .enqueue('csm-digest', { projectId: project.id }, { jobId: `digest-test-${attempt}` });
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
    expect(digests[0]?.subject).toBe('Your Bindery tasks: 1 new, 0 overdue');
    expect(digests[0]?.text).toContain(task.title);
    // Bindery's own messages to the team keep MAIL_FROM.
    expect(digests[0]?.from?.value[0]?.address).toBe('bindery@localhost');
  });

  it('sends a row that several jobs name once, by the job that claims it', async () => {
    const outbox = app.app.get(OutboxRepository);
    const ids = ['a', 'b', 'c', 'd'].map(() => randomUUID());
    const address = (i: number) => `overlap-${i}@example.com`;
    const written = await outbox.write(
      ids.map((id, i) => ({
        id,
        projectId: project.id,
        kind: 'training',
        recipient: address(i),
        subject: `Overlap ${i}`,
        html: '<p>once</p>',
        text: 'once',
      })),
    );
    expect(written.map((w) => !(w instanceof Error) && w.row.status)).toEqual(ids.map(() => 'pending'));
    // A writer that ran again queued rows in other batches; a replay queued one alone.
    const [a, b, c, d] = ids as [string, string, string, string];
    const jobs = app.app.get(JobProducer);
    await jobs.enqueueBulk('send-emails', [
      { data: { outboxIds: [a, b, c] }, opts: { jobId: 'overlap-1' } },
      { data: { outboxIds: [b, c, d] }, opts: { jobId: 'overlap-2' } },
      { data: { outboxIds: [d, a] }, opts: { jobId: 'overlap-3' } },
    ]);
    await jobs.enqueue('send-email', { outboxId: c }, { jobId: 'overlap-4' });

    const rows = await until(
      'the overlapping sends',
      async () => Promise.all(ids.map((id) => outbox.findById(project.id, id))),
      (found) => found.every((r) => r?.status === 'sent'),
    );
    // Give a second job naming a row the time to send it again, were it to.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(ids.map((_, i) => to(address(i)).length)).toEqual([1, 1, 1, 1]);
    expect(rows.map((r) => r?.attempts)).toEqual([1, 1, 1, 1]);
    expect(ids.map((_, i) => to(address(i))[0]?.messageId)).toEqual(rows.map((r) => r?.message_id));
  });

  it('sends again a row whose send job ended without sending it, and leaves a waiting job its row', async () => {
    const outbox = app.app.get(OutboxRepository);
    const jobs = app.app.get(JobProducer);
    const [stranded, legacy, kept] = [randomUUID(), randomUUID(), randomUUID()];
    const address = (id: string) =>
      `held-${id === stranded ? 'stranded' : id === legacy ? 'legacy' : 'kept'}@example.com`;
    await outbox.write(
      [stranded, legacy, kept].map((id) => ({
        id,
        projectId: project.id,
        kind: 'training' as const,
        recipient: address(id),
        subject: 'Held',
        html: '<p>held</p>',
        text: 'held',
      })),
    );
    // One row was claimed by a job BullMQ failed for stalling twice and has since dropped (it keeps a hundred
    // failed jobs); one by a version that kept no holders; the last by a job that waits for its retry, an hour
    // away. All three claims are old.
    await jobs.enqueue('send-email', { outboxId: kept }, { jobId: 'held-later', delay: 3_600_000 });
    await outbox.advance({
      claim: [
        { id: stranded, holder: 'stalled-twice' },
        { id: legacy, holder: 'no-holder' },
        { id: kept, holder: 'held-later' },
      ],
    });
    const db = app.app.get<Kysely<Database>>(DB);
    await db
      .updateTable('email_outbox')
      .set({ sending_at: new Date(Date.now() - STRANDED_AFTER_MS - 60_000) })
      .where('id', 'in', [stranded, legacy, kept])
      .execute();
    await db.updateTable('email_outbox').set({ sending_holder: null }).where('id', '=', legacy).execute();

    expect(await app.app.get(StrandedEmails).release(Date.now())).toBe(2);
    const sent = await until(
      'the stranded rows sent',
      () => Promise.all([stranded, legacy].map((id) => outbox.findById(project.id, id))),
      (rows) => rows.every((r) => r?.status === 'sent'),
    );

    expect([to(address(stranded)), to(address(legacy))].map((m) => m.length)).toEqual([1, 1]);
    expect(sent.map((r) => r?.attempts)).toEqual([2, 2]);
    expect(await outbox.findById(project.id, kept)).toMatchObject({
      status: 'sending',
      sending_holder: 'held-later',
    });
    expect(to(address(kept))).toHaveLength(0);
  });

  it('replays failed emails, still skipping a suppressed address', async () => {
    const before = (await emails()).filter((m) => m.status === 'failed');
    const res = await api<{ replayed: number }>('emails/replay', {});
    const after = await until('the replay', emails, (rows) =>
      before.every((b) => rows.find((r) => r.id === b.id)?.status === 'skipped'),
    );

    expect(before.map((m) => m.recipient)).toEqual(['bounce@example.com']);
    expect(res.body).toEqual({ replayed: 1 });
    expect(after.find((r) => r.id === before[0]?.id)).toMatchObject({
      status: 'skipped',
      skipReason: 'the address is suppressed',
    });
    expect(to('bounce@example.com')).toHaveLength(0);
  });
});
