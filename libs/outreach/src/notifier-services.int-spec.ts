import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { type INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { type ClickHouseClient } from '@clickhouse/client';
import { type Queue } from 'bullmq';
import { v7 as uuidv7 } from 'uuid';
import { CLICKHOUSE, ClickHouseModule } from '@bindery/clickhouse';
import {
  DbModule,
  EmailTemplateRepository,
  OutboxRepository,
  ProjectRepository,
  type Rule,
  RuleRepository,
  type Signal,
  SignalRepository,
  TaskRepository,
  TrainingContentRepository,
} from '@bindery/db';
import { EventQueriesModule } from '@bindery/event-queries';
import { type QueueName, QUEUES, QueuesModule, RedisModule } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { eventRow, nth, startTestContext } from '@bindery/testing';
import { AccountRiskService } from '@bindery/risk';
import { TemplateSandbox } from './content/templates/template-sandbox';
import { EmailService } from './emails/email.service';
import { SigningKey } from './emails/signing-key';
import { TraitsService } from './emails/traits.service';
import { ProjectConfigCache } from './project-config.cache';
import { taskPriority } from './tasks/task-wording';
import { TaskService } from './tasks/task.service';

const NOW = Date.UTC(2025, 4, 20, 12);

/**
 * The notifier's services as its processors call them, without HTTP or workers: real chDB (the users' and
 * accounts' traits), PGlite (tasks, outbox) and BullMQ on the Redis server, whose queues keep the jobs the
 * services add (no processor takes them) to be looked at.
 */
describe('notifier services on real stores', () => {
  let app: INestApplicationContext;
  const projectId = uuidv7();
  let rule: Rule;
  const settings = {
    ...withDefaultSettings(undefined),
    csmDomains: ['vendor.example'],
    webhook: { url: 'https://hooks.example.com/bindery', secret: 'webhook-secret-0123456789' },
  };

  /** A new signal of the rule about `user` of acme, as stored (`details` a never-adopted rule's by default). */
  const signal = async (
    user: string,
    details: Record<string, unknown> = { type: 'never_adopted', feature: 'import' },
  ): Promise<Signal> => {
    const signals = app.get(SignalRepository);
    const { id } = nth(
      await signals.insertNew(
        [
          {
            id: uuidv7(),
            projectId,
            ruleId: rule.id,
            ruleVersion: 1,
            subjectKey: `user:${user}`,
            userId: user,
            accountId: 'acme',
            periodKey: 'once',
            details,
          },
        ],
        0,
        new Date(NOW),
      ),
      0,
    );
    return nth(await signals.findMany([{ projectId, id }]), 0);
  };
  /** The data of the jobs waiting in a queue. */
  const queued = async (queue: QueueName) =>
    (await app.get<Queue>(getQueueToken(queue)).getJobs(['waiting', 'delayed'])).map((job) => ({
      name: job.name,
      data: job.data as Record<string, unknown>,
    }));

  beforeAll(async () => {
    app = await startTestContext(
      {
        imports: [ClickHouseModule, DbModule, RedisModule, QueuesModule.forRoot(), EventQueriesModule],
        providers: [
          TaskService,
          EmailService,
          TraitsService,
          ProjectConfigCache,
          SigningKey,
          TemplateSandbox,
          AccountRiskService,
        ],
      },
      { PUBLIC_URL: 'https://bindery.example.com' },
    );

    await app.get(ProjectRepository).createWithKeys({
      organization: { id: uuidv7(), name: `notifier-${randomBytes(4).toString('hex')}` },
      project: { id: projectId, name: 'notifier services' },
      keys: [{ id: uuidv7(), kind: 'secret', keyHash: randomBytes(32).toString('hex'), keyHint: 'sk_n' }],
    });
    rule = await app.get(RuleRepository).create({
      id: uuidv7(),
      projectId,
      name: 'Never imported',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'import', days: 7 },
      actions: [
        { kind: 'email', template: 'try-it' },
        { kind: 'task', severity: 'high' },
      ],
      cooldownHours: 24,
      enabled: true,
    });
    await app.get(EmailTemplateRepository).create(projectId, uuidv7(), {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}, {{user.first_name}}?',
      html: '<p>Hi {{user.name}}: <a href="{{content.url}}">{{content.title}}</a></p>',
      text: 'Hi {{user.name}}: {{content.url}}',
    });
    await app.get(TrainingContentRepository).create(projectId, uuidv7(), {
      key: 'import',
      title: 'Importing data',
      url: 'https://help.example.com/import',
      summary: 's',
    });
    const at = NOW - 86_400_000;
    await app.get<ClickHouseClient>(CLICKHOUSE).insert({
      table: 'events',
      values: [
        eventRow(projectId, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: 'ann',
          traits: JSON.stringify({ email: 'Ann@Example.com', first_name: 'Ann', name: '<b>Ann</b>' }),
        }),
        eventRow(projectId, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: 'bo',
          traits: JSON.stringify({ name: 'Bo' }),
        }),
        eventRow(projectId, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: 'cy',
          traits: JSON.stringify({ email: 'cy@example.com' }),
        }),
        eventRow(projectId, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: 'carl',
          traits: JSON.stringify({ name: 'Carl Dee' }),
        }),
        eventRow(projectId, at, {
          type: 'group',
          event: '$group',
          feature: '',
          user_id: 'ann',
          account_id: 'acme',
          traits: JSON.stringify({ name: 'Acme', csm_email: 'csm@vendor.example' }),
        }),
      ],
      format: 'JSONEachRow',
    });
  }, 240_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('EmailService', () => {
    it('writes the training email once per signal, rendered and escaped, and queues it for sending', async () => {
      const emails = app.get(EmailService);
      const about = await signal('ann');
      const written = await emails.training(about, rule, 'try-it', settings, NOW);
      const again = await emails.training(about, rule, 'try-it', settings, NOW);
      if (!('id' in written)) throw new Error(`no email: ${written.skipped}`);
      const row = await app.get(OutboxRepository).findById(projectId, written.id);

      expect(again).toEqual(written);
      expect(row).toMatchObject({
        kind: 'training',
        recipient: 'ann@example.com',
        signal_id: about.id,
        subject: 'Have you tried Importing data, Ann?',
        status: 'pending',
      });
      expect(row?.html).toContain('Hi &lt;b&gt;Ann&lt;/b&gt;');
      const sends = (await queued(QUEUES.emails)).filter(
        (job) => job.name === 'send-emails' && (job.data['outboxIds'] as string[]).includes(written.id),
      );
      expect(sends).toHaveLength(1);
    });

    it('writes nothing for a user without an address, and says why', async () => {
      const result = await app.get(EmailService).training(await signal('bo'), rule, 'try-it', settings, NOW);

      expect(result).toEqual({ skipped: 'user bo has no email trait' });
    });

    it('says which training content a funnel stall’s email found none of', async () => {
      const stalled = await signal('cy', {
        type: 'funnel_stall',
        funnelId: 'f-onboarding',
        step: 1,
        stepEvent: 'Signed Up',
        nextStep: 2,
        nextStepEvent: 'Project Created',
      });
      const result = await app
        .get(EmailService)
        .training(stalled, { ...rule, type: 'funnel_stall' }, 'try-it', settings, NOW);

      expect(result).toEqual({
        skipped: 'no training content for funnel:f-onboarding:step:2 or for Project Created',
      });
    });
  });

  describe('TaskService', () => {
    it('opens one task for the account, assigned to its CSM, and adds the next signal of the rule to it', async () => {
      const tasks = app.get(TaskService);
      // Carl's identify call named him: the task's title names him beside his id and his account's name.
      const first = await signal('carl');
      const second = await signal('dee');
      const opened = await tasks.fromSignal(first, rule, 'high', settings, NOW);
      const joined = await tasks.fromSignal(second, rule, 'high', settings, NOW);
      if (!('task' in opened) || !('task' in joined)) throw new Error('a signal was quieted');
      const stored = await app.get(TaskRepository).findById(projectId, opened.task.id);

      expect(opened).toMatchObject({ created: true });
      expect(joined).toMatchObject({ created: false, task: { id: opened.task.id } });
      expect(stored).toMatchObject({
        account_id: 'acme',
        rule_id: rule.id,
        assignee: 'csm@vendor.example',
        priority: taskPriority('high', null),
        status: 'open',
        signal_ids: [first.id, second.id],
      });
      expect(stored?.title).toMatch(/^User carl \(Carl Dee, Acme\) /);
      expect((await queued(QUEUES.webhooks)).filter((job) => job.data.taskId === opened.task.id)).toEqual([
        { name: 'send-webhook', data: { projectId, taskId: opened.task.id, event: 'task.created' } },
      ]);
    });
  });
});
