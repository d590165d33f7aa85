import { type ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type OutboxEmail,
  type RuleRun,
  type Task,
  type TaskDetail,
} from '@bindery/contracts';
import { SuppressionRepository } from '@bindery/db';
import { QUEUES } from '@bindery/queue';
import {
  bearer,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
  eventRow,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 };

/**
 * Who gets an email is decided by one strict reading of an address, and by the project, not by whoever holds
 * the public write key: users identified with addresses that mail software would rewrite into a suppressed
 * one are not emailed at all, the address sent to is the one suppression and the cap compare, and an
 * account's csm_email trait assigns tasks and alerts only within the project's CSMs and CSM domains.
 */
describe('email recipients with a real SMTP server', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  let project: CreatedProject;
  const now = Date.now();
  const today = Math.floor(now / DAY);

  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await fetch(`${app.url}/v1/projects/${project.id}/${path}`, {
      method,
      headers: { authorization: bearer(project.secretKey), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const emails = async () => (await call<{ emails: OutboxEmail[] }>('GET', 'emails?limit=500')).body.emails;
  const tasks = async () => (await call<{ tasks: Task[] }>('GET', 'tasks?limit=500')).body.tasks;
  const idle = async (queue: string) => {
    const counts = await app.app
      .get<Queue>(getQueueToken(queue))
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };

  const row = (over: Partial<EventRow>) =>
    eventRow(project.id, (today - 10) * DAY + 12 * 3_600_000, { received_at: now, ...over });

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL: 'https://bindery.example.com',
    });
    project = await app.createProject('recipients');
    await app.app.get(SuppressionRepository).add(project.id, 'victim@example.com', 'unsubscribed');

    // Users by account: what each identified itself with (anyone with the write key can send these).
    const users: [user: string, account: string, email: string][] = [
      ['comment', 'outsider', 'victim@example.com(1)'],
      ['group', 'outsider', 'x:victim@example.com'],
      ['display', 'outsider', 'Victim <victim@example.com>'],
      ['folded', 'outsider', 'victim@example.com\r\nBcc: victim@example.com'],
      ['shouting', 'outsider', 'VICTIM@Example.COM'],
      ['ok', 'listed', 'ok@example.com'],
      ['scripted', 'scripted', 'scripted@example.com'],
      ['domain', 'by-domain', 'domain@example.com'],
    ];
    const accounts: Record<string, string> = {
      outsider: 'attacker@evil.example',
      listed: 'Maya@Vendor.Example',
      scripted: 'javascript:alert(1)//@x.com',
      'by-domain': 'li@csm.vendor.example',
    };
    const rows: EventRow[] = [];
    for (const [user, account, email] of users) {
      rows.push(row({ user_id: user, account_id: account }));
      rows.push(
        row({
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: user,
          account_id: account,
          traits: JSON.stringify({ email }),
        }),
      );
    }
    for (const [account, csm] of Object.entries(accounts)) {
      rows.push(
        row({
          type: 'group',
          event: '$group',
          feature: '',
          user_id: users.find((u) => u[1] === account)?.[0] ?? '',
          account_id: account,
          traits: JSON.stringify({ csm_email: csm, mrr: 1000 }),
        }),
      );
    }
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });

    const settings = await call('PUT', 'settings', {
      healthWeights: WEIGHTS,
      keyFeatures: [],
      csms: [{ email: 'maya@vendor.example', name: 'Maya' }],
      csmDomains: ['csm.vendor.example'],
    });
    expect(settings.status).toBe(200);
    await call('POST', 'email-templates', {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}?',
      html: '<p><a href="{{content.url}}">{{content.title}}</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: '{{content.title}}: {{content.url}} Unsubscribe: {{unsubscribeUrl}}',
    });
    await call('POST', 'training-content', {
      key: 'import',
      title: 'Importing data',
      url: 'https://help.example.com/import',
      summary: 's',
    });
    for (const r of (await call<{ rules: { id: string }[] }>('GET', 'rules')).body.rules) {
      await call('DELETE', `rules/${r.id}`);
    }
    await call('POST', 'rules', {
      name: 'import',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'import', days: 7 },
      cooldownHours: 24,
      enabled: true,
      actions: [
        { kind: 'email', template: 'try-it' },
        { kind: 'task', severity: 'high' },
        { kind: 'notify_csm' },
      ],
    });
    const started = await call<RuleRun>('POST', 'rules/run', {});
    await until(
      'the rules run',
      () => call<RuleRun>('GET', `rules/runs/${started.body.id}`),
      (r) => r.body.status === 'done',
    );
    // Every signal carried out and every email sent (or skipped) before anything is asserted.
    await until(
      'the notifier',
      () => tasks(),
      (t) => t.length === 4,
    );
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

  it('never emails a suppressed address through an address that mail software rewrites into it', async () => {
    const rows = await emails();
    const training = rows.filter((m) => m.kind === 'training');

    expect(smtp.to('victim@example.com')).toEqual([]);
    expect(smtp.received.filter((m) => JSON.stringify(m.to).toLowerCase().includes('victim'))).toEqual([]);
    expect(smtp.to('ok@example.com')).toHaveLength(1);
    // Only the plain addresses got an outbox row, lower-cased: the shouting one is the suppressed address.
    expect(training.map((m) => [m.recipient, m.status, m.skipReason ?? null]).sort()).toEqual([
      ['domain@example.com', 'sent', null],
      ['ok@example.com', 'sent', null],
      ['scripted@example.com', 'sent', null],
      ['victim@example.com', 'skipped', 'the address is suppressed'],
    ]);
  });

  it('assigns and alerts only CSMs the project lists or whose domain it allows', async () => {
    const byAccount = new Map((await tasks()).map((t) => [t.accountId, t]));
    const outsider = await call<TaskDetail>('GET', `tasks/${byAccount.get('outsider')?.id}`);
    const alerted = smtp.received.flatMap((m) =>
      [m.to ?? []].flat().flatMap((to) => to.value.map((v) => v.address)),
    );

    expect(byAccount.get('listed')?.assignee).toBe('maya@vendor.example');
    expect(byAccount.get('by-domain')?.assignee).toBe('li@csm.vendor.example');
    expect(byAccount.get('outsider')?.assignee).toBeNull();
    expect(byAccount.get('scripted')?.assignee).toBeNull();
    expect(outsider.body.timeline[0]?.change).toMatchObject({
      created: true,
      csmTraitsIgnored: [
        {
          trait: 'csm_email',
          value: 'attacker@evil.example',
          reason: 'not in the project’s csms or csmDomains',
        },
      ],
    });
    expect(smtp.to('maya@vendor.example').length).toBeGreaterThanOrEqual(1);
    expect(smtp.to('li@csm.vendor.example').length).toBeGreaterThanOrEqual(1);
    expect(alerted.filter((a) => a?.includes('evil.example') || a?.includes('x.com'))).toEqual([]);
  });

  it('takes only plain addresses as assignees through the API, lower-cased', async () => {
    const id = (await tasks()).find((t) => t.accountId === 'scripted')?.id as string;
    for (const assignee of [
      'javascript:alert(1)//@x.com',
      'x:victim@example.com',
      'Maya <maya@vendor.example>',
    ]) {
      const res = await call<{ error: { code: string } }>('PATCH', `tasks/${id}`, { assignee });
      expect([assignee, res.status, res.body.error.code]).toEqual([assignee, 400, 'invalid_input']);
    }
    const ok = await call<Task>('PATCH', `tasks/${id}`, { assignee: 'Omar@Vendor.Example' });

    expect(ok.status).toBe(200);
    expect(ok.body.assignee).toBe('omar@vendor.example');
  });

  it('refuses CSM settings that are not plain addresses or domains, and stores them lower-cased', async () => {
    const put = (over: Record<string, unknown>) =>
      call<{ error: { code: string; message: string } }>('PUT', 'settings', {
        healthWeights: WEIGHTS,
        keyFeatures: [],
        ...over,
      });

    for (const over of [
      { csms: [{ email: 'x:maya@vendor.example' }] },
      { csms: [{ email: 'maya@vendor' }] },
      { csmDomains: ['*.vendor.example'] },
      { csmDomains: ['10.0.0.1'] },
      { defaultAssignee: 'javascript:alert(1)//@x.com' },
    ]) {
      const res = await put(over);
      expect([over, res.status, res.body.error.code]).toEqual([over, 400, 'invalid_input']);
    }
    const saved = await put({
      csms: [{ email: 'Maya@Vendor.Example', name: 'Maya' }],
      csmDomains: ['CSM.Vendor.Example'],
      defaultAssignee: 'Lead@Vendor.Example',
    });

    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      csms: [{ email: 'maya@vendor.example', name: 'Maya' }],
      csmDomains: ['csm.vendor.example'],
      defaultAssignee: 'lead@vendor.example',
    });
  });
});
