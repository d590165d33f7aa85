import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { type ResolvedProjectSettings } from '@bindery/contracts';
import {
  type OutboxState,
  OutboxRepository,
  type OutboxWrite,
  type OutboxWritten,
  type Rule,
  type Signal,
  type Task,
} from '@bindery/db';
import { type JobPayloads, QUEUES } from '@bindery/queue';
import { batchLoader } from './batch-loader';
import { ProjectConfigCache } from '../project-config.cache';
import { SigningKey } from './signing-key';
import { accountName, describeSignal } from '../tasks/task-wording';
import { renderEmail, type TrainingContext } from '../content/templates/template-renderer';
import { TemplateSandbox } from '../content/templates/template-sandbox';
import { TraitsService } from './traits.service';
import { unsubscribeToken } from './unsubscribe-token';

/** Namespace of outbox ids: an email's id is a UUID v5 of what makes it unique (signal, recipient, template). */
const OUTBOX_NAMESPACE = '0d6f4f1e-2c55-4a8e-8f9b-6b1d2f7c9e31';
/** Transient SMTP failures are retried this often, backing off from 2 s (about 8 minutes in all). */
export const SEND_EMAIL_JOB = { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } } as const;

const CSM_ALERT = {
  subject: '[{{priority}}] {{title}}',
  html: '<p><strong>{{title}}</strong></p><p>{{body}}</p><p>Due {{due}}. Task {{id}}.</p>',
  text: '{{title}}\n\n{{body}}\n\nDue {{due}}. Task {{id}}.',
};
const CSM_NOTICE = {
  subject: '{{title}}',
  html: '<p><strong>{{title}}</strong></p><p>{{body}}</p>',
  text: '{{title}}\n\n{{body}}',
};
const CSM_DIGEST = {
  subject: 'Your Bindery tasks: {{count}} new, {{overdue.length}} overdue',
  html:
    '{{#if urgent.length}}<h2>New P1</h2><ul>{{#each urgent}}<li>{{title}} (due {{due}})</li>{{/each}}</ul>{{/if}}' +
    '<h2>New{{#if urgent.length}}, P2 to P4{{/if}}</h2><ul>{{#each created}}<li>[{{priority}}] {{title}}</li>{{else}}<li>None</li>{{/each}}</ul>' +
    '<h2>Overdue</h2><ul>{{#each overdue}}<li>[{{priority}}] {{title}} (due {{due}})</li>{{else}}<li>None</li>{{/each}}</ul>',
  text:
    '{{#if urgent.length}}New P1:\n{{#each urgent}}- {{title}} (due {{due}})\n{{/each}}\n{{/if}}' +
    'New{{#if urgent.length}}, P2 to P4{{/if}}:\n{{#each created}}- [{{priority}}] {{title}}\n{{else}}None\n{{/each}}\n' +
    'Overdue:\n{{#each overdue}}- [{{priority}}] {{title}} (due {{due}})\n{{else}}None\n{{/each}}',
};

/** Why a training email was not written: the outbox keeps the reason. */
export type SkipReason = string;

/** Writes emails to the outbox (one row per message, a deterministic id) and queues each for sending once. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);
  private readonly writes = batchLoader<OutboxWrite, OutboxWritten>((emails) => this.outbox.write(emails));
  private readonly jobs = batchLoader(async (ids: readonly string[]) => {
    await this.queue.addBulk(
      ids.map((id) => ({
        name: 'send-email' as const,
        data: { outboxId: id },
        opts: { jobId: id, ...SEND_EMAIL_JOB },
      })),
    );
    return ids.map(() => undefined);
  });

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly projectConfig: ProjectConfigCache,
    private readonly traits: TraitsService,
    private readonly signingKey: SigningKey,
    private readonly templates: TemplateSandbox,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    @InjectQueue(QUEUES.emails) private readonly queue: Queue<JobPayloads['send-email']>,
  ) {}

  /**
   * The training email a signal asks for, to the user it is about: rendered from the project's template and
   * the training content of the feature (or the funnel step) the user needs; never to a suppressed address
   * and at most one per recipient per `emailFrequencyHours`. Returns the outbox id, or why there is none.
   */
  async training(
    signal: Signal,
    rule: Rule,
    templateName: string,
    settings: ResolvedProjectSettings,
    now: number,
  ): Promise<{ id: string } | { skipped: SkipReason }> {
    const projectId = signal.project_id;
    if (!signal.user_id) return { skipped: 'the signal is about an account, not a user' };
    const user = await this.traits.of(projectId, 'user', signal.user_id);
    // The address as sent is the key of the outbox row, the suppression list and the cap alike.
    const recipient = TraitsService.email(user.email);
    if (!recipient) {
      return {
        skipped:
          user.email === undefined || user.email === null || user.email === ''
            ? `user ${signal.user_id} has no email trait`
            : `user ${signal.user_id} has an email trait that is not a plain address`,
      };
    }
    const hours = settings.emailFrequencyHours;
    const email: OutboxWrite = {
      id: uuidv5(`${signal.id}|${recipient}|${templateName}`, OUTBOX_NAMESPACE),
      projectId,
      signalId: signal.id,
      kind: 'training',
      recipient,
      template: templateName,
      subject: '',
      html: '',
      text: '',
      cap: {
        since: new Date(now - hours * 3_600_000),
        reason: `a training email went to this address in the last ${hours} h`,
      },
    };
    const details = signal.details as Record<string, unknown>;
    const feature = String(details.feature ?? details.nextStepEvent ?? '');
    const key =
      rule.type === 'funnel_stall'
        ? `funnel:${String(details.funnelId)}:step:${String(details.nextStep)}`
        : feature;
    const content =
      (await this.projectConfig.trainingContent(projectId, key)) ??
      (await this.projectConfig.trainingContent(projectId, feature));
    const template = await this.projectConfig.template(projectId, templateName);
    if (!content || !template) {
      const skipReason = content
        ? `no email template named ${templateName}`
        : `no training content for ${key}`;
      return this.outcome(await this.enqueue({ ...email, skipReason }));
    }
    const account = signal.account_id ? await this.traits.of(projectId, 'account', signal.account_id) : {};
    const unsubscribeUrl = `${this.config.publicUrl}/v1/unsubscribe?token=${unsubscribeToken({ projectId, email: recipient }, this.signingKey.value)}`;
    const context: TrainingContext = {
      user: { ...user, id: signal.user_id, email: recipient },
      account: { ...account, id: signal.account_id },
      feature,
      content: { title: content.title, url: content.url, summary: content.summary },
      unsubscribeUrl,
    };
    const written = await this.enqueue({
      ...email,
      ...(await this.templates.render(template, context)),
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    });
    return this.outcome(written);
  }

  /** What became of a training email: its outbox id, or why it was skipped. */
  private outcome(row: OutboxState): { id: string } | { skipped: SkipReason } {
    return row.status === 'skipped' && row.skip_reason !== null
      ? { skipped: row.skip_reason }
      : { id: row.id };
  }

  /** A CSM's address as stored on a task, if it is a plain one (tasks assigned before it was required). */
  private csmAddress(projectId: string, assignee: string | null, what: string): string | undefined {
    if (!assignee) return undefined;
    const address = TraitsService.email(assignee);
    if (!address) this.logger.warn({ projectId, what }, 'assignee is not a plain address: no email');
    return address;
  }

  /** An immediate email to the task's CSM (a high-priority task). */
  async csmAlert(projectId: string, task: Task): Promise<void> {
    const recipient = this.csmAddress(projectId, task.assignee, `alert of task ${task.id}`);
    if (!recipient) return;
    const context = { ...task, due: task.due_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' };
    await this.enqueue({
      id: uuidv5(`${task.id}|alert|${recipient}`, OUTBOX_NAMESPACE),
      projectId,
      kind: 'csm_alert',
      recipient,
      ...renderEmail(CSM_ALERT, context),
    });
  }

  /**
   * Tells the CSM of the signal's account about it at once (the rule's notify_csm action, for a rule that makes
   * no task: a task tells its CSM itself): the CSM its traits name if the project's `csms` or `csmDomains`
   * accept it, else the default assignee.
   */
  async csmNotice(signal: Signal, rule: Rule, settings: ResolvedProjectSettings): Promise<string | null> {
    const projectId = signal.project_id;
    const account = signal.account_id ? await this.traits.of(projectId, 'account', signal.account_id) : {};
    const choice = TraitsService.csmOf(account, settings);
    if (choice.ignored.length > 0) {
      this.logger.warn(
        { projectId, accountId: signal.account_id, signalId: signal.id, ignored: choice.ignored },
        'CSM trait not accepted as recipient',
      );
    }
    const csm = choice.csm ?? TraitsService.email(settings.defaultAssignee);
    if (!csm) return null;
    const wording = describeSignal(
      rule.type,
      rule.name,
      { userId: signal.user_id, accountId: signal.account_id, accountName: accountName(account) },
      signal.details as Record<string, unknown>,
    );
    await this.enqueue({
      id: uuidv5(`${signal.id}|notice|${csm}`, OUTBOX_NAMESPACE),
      projectId,
      signalId: signal.id,
      kind: 'csm_alert',
      recipient: csm,
      ...renderEmail(CSM_NOTICE, wording),
    });
    return csm;
  }

  /**
   * The day's digest for one CSM; one per CSM and day, however often it is asked for. New P1 tasks head it
   * (the only word of them a CSM who chose the digest for P1 alerts gets), then the other new tasks, then the
   * overdue ones.
   */
  async csmDigest(
    projectId: string,
    assignee: string,
    day: string,
    created: Task[],
    overdue: Task[],
  ): Promise<void> {
    const recipient = this.csmAddress(projectId, assignee, `digest of ${day}`);
    if (!recipient) return;
    const view = (t: Task) => ({ ...t, due: t.due_at.toISOString().slice(0, 10) });
    await this.enqueue({
      id: uuidv5(`${projectId}|digest|${recipient}|${day}`, OUTBOX_NAMESPACE),
      projectId,
      kind: 'csm_digest',
      recipient,
      ...renderEmail(CSM_DIGEST, {
        count: created.length,
        urgent: created.filter((t) => t.priority === 'P1').map(view),
        created: created.filter((t) => t.priority !== 'P1').map(view),
        overdue: overdue.map(view),
      }),
    });
  }

  /**
   * Writes the row once and queues it under its own id: a repeat finds the row and the job already there. The
   * writes and the jobs of emails decided side by side go out together. Returns the stored row.
   */
  private async enqueue(email: OutboxWrite): Promise<OutboxState> {
    const { row, created } = await this.writes.load(email);
    if (row.status === 'pending' || row.status === 'sending') await this.jobs.load(row.id);
    if (created)
      this.logger.log(
        { projectId: email.projectId, outboxId: row.id, kind: email.kind, status: row.status },
        'email written',
      );
    return row;
  }
}
