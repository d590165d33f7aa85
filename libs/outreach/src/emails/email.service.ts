import { Inject, Injectable, Logger } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  type CohortEmailsResult,
  type CohortMember,
  NotFound,
  type ResolvedProjectSettings,
} from '@bindery/contracts';
import {
  type EmailTemplate,
  FeedbackRepository,
  type OutboxState,
  OutboxRepository,
  type OutboxWrite,
  type OutboxWritten,
  type Rule,
  type Signal,
  SUPPRESSED,
  SuppressedPeopleRepository,
  type Task,
  type TrainingContent,
} from '@bindery/db';
import { JobProducer, sendEmailsJobs } from '@bindery/queue';
import { batchLoader } from './batch-loader';
import { ProjectConfigCache } from '../project-config.cache';
import { SigningKey } from './signing-key';
import { signalWording } from '../tasks/task-wording';
import { renderEmail } from '../content/templates/template-renderer';
import { TemplateSandbox } from '../content/templates/template-sandbox';
import { TraitsService } from './traits.service';
import { clickToken } from './click-token';
import { openToken, type TrackedOpen, withOpenPixel } from './open-pixel';
import { trackLinks } from './tracked-links';
import { brandEmail, brandSender } from './brand-layout';
import { trainingContext, unsubscribeHeaders, unsubscribeUrl } from './training-email';

/** Namespace of outbox ids: an email's id is a UUID v5 of what makes it unique (signal, recipient, template). */
const OUTBOX_NAMESPACE = '0d6f4f1e-2c55-4a8e-8f9b-6b1d2f7c9e31';
/**
 * The sending jobs' retries: a job that fails is tried this often, backing off from 2 s (about 8 minutes in all);
 * so is a row whose send fails for a while, alone, after its batch's attempt.
 */
export const SEND_EMAIL_JOB = { attempts: 8, backoff: { type: 'exponential', delay: 2_000 } } as const;

const CSM_ALERT = {
  subject: '[{{priority}}] {{title}}',
  html:
    '<p><strong>{{title}}</strong></p><p>{{body}}</p><p>Due {{due}}.</p>' +
    '<p><a href="{{taskUrl}}">Open the task</a>{{#if accountUrl}} · <a href="{{accountUrl}}">Open the account</a>{{/if}}</p>',
  text: '{{title}}\n\n{{body}}\n\nDue {{due}}.\n\nThe task: {{taskUrl}}\n{{#if accountUrl}}The account: {{accountUrl}}\n{{/if}}',
};
const CSM_NOTICE = {
  subject: '{{title}}',
  html: '<p><strong>{{title}}</strong></p><p>{{body}}</p>{{#if accountUrl}}<p><a href="{{accountUrl}}">Open the account</a></p>{{/if}}',
  text: '{{title}}\n\n{{body}}\n{{#if accountUrl}}\nThe account: {{accountUrl}}\n{{/if}}',
};
const CSM_DIGEST = {
  subject: 'Your Bindery tasks: {{count}} new, {{overdue.length}} overdue',
  html:
    '{{#if urgent.length}}<h2>New P1</h2><ul>{{#each urgent}}<li><a href="{{taskUrl}}">{{title}}</a> (due {{due}})</li>{{/each}}</ul>{{/if}}' +
    '<h2>New{{#if urgent.length}}, P2 to P4{{/if}}</h2><ul>{{#each created}}<li>[{{priority}}] <a href="{{taskUrl}}">{{title}}</a></li>{{else}}<li>None</li>{{/each}}</ul>' +
    '<h2>Overdue</h2><ul>{{#each overdue}}<li>[{{priority}}] <a href="{{taskUrl}}">{{title}}</a> (due {{due}})</li>{{else}}<li>None</li>{{/each}}</ul>' +
    '<p><a href="{{tasksUrl}}">All your tasks</a></p>',
  text:
    '{{#if urgent.length}}New P1:\n{{#each urgent}}- {{title}} (due {{due}}) {{taskUrl}}\n{{/each}}\n{{/if}}' +
    'New{{#if urgent.length}}, P2 to P4{{/if}}:\n{{#each created}}- [{{priority}}] {{title}} {{taskUrl}}\n{{else}}None\n{{/each}}\n' +
    'Overdue:\n{{#each overdue}}- [{{priority}}] {{title}} (due {{due}}) {{taskUrl}}\n{{else}}None\n{{/each}}\n' +
    'All your tasks: {{tasksUrl}}\n',
};

/** The "you asked, we built it" email to each voter of a shipped feedback request, in the project's layout. */
const FEEDBACK_SHIPPED = {
  subject: 'You asked, we built it: {{title}}',
  html:
    '<p>You asked for <strong>{{title}}</strong>, and it has shipped.</p>' +
    '{{#if note}}<p>{{note}}</p>{{/if}}<p>Thank you for telling us.</p>',
  text: 'You asked for "{{title}}", and it has shipped.\n\n{{#if note}}{{note}}\n\n{{/if}}Thank you for telling us.\n',
};

/** Why a training email was not written: the outbox keeps the reason. */
export type SkipReason = string;

/** Writes emails to the outbox (one row per message, a deterministic id) and queues each for sending once. */
@Injectable()
export class EmailService {
  private readonly logger = new Logger(EmailService.name);
  private readonly writes = batchLoader<OutboxWrite, OutboxWritten>((emails) => this.outbox.write(emails));
  private readonly jobs = batchLoader(async (ids: readonly string[]) => {
    await this.producer.enqueueBulk('send-emails', sendEmailsJobs(ids, SEND_EMAIL_JOB));
    return ids.map(() => undefined);
  });
  /** Whether an address belongs to a deleted person: the emails decided side by side ask in one statement. */
  private readonly deletedAddresses = batchLoader((keys: readonly { projectId: string; email: string }[]) =>
    this.suppressedPeople.hasEmails(keys),
  );

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly projectConfig: ProjectConfigCache,
    private readonly traits: TraitsService,
    private readonly signingKey: SigningKey,
    private readonly templates: TemplateSandbox,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    private readonly producer: JobProducer,
    private readonly suppressedPeople: SuppressedPeopleRepository,
    private readonly feedback: FeedbackRepository,
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
    // No row either: an outbox row would keep the address of a person deleted from Bindery.
    if (await this.deletedAddresses.load({ projectId, email: recipient })) {
      return { skipped: `user ${signal.user_id} was deleted and their address suppressed` };
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
    const details = signal.details;
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
      const tried = feature && feature !== key ? `${key} or for ${feature}` : key;
      const skipReason = content
        ? `no email template named ${templateName}`
        : `no training content for ${tried}`;
      return this.outcome(await this.enqueue({ ...email, skipReason }));
    }
    const written = await this.enqueue(
      await this.rendered(email, template, {
        userId: signal.user_id,
        user,
        accountId: signal.account_id,
        feature,
        content,
        settings,
      }),
    );
    return this.outcome(written);
  }

  /**
   * A training email rendered for its recipient from the template and the content, in the project's layout:
   * links lead through a signed redirect that counts the click (the unsubscribe link stays direct).
   */
  private async rendered(
    email: OutboxWrite,
    template: EmailTemplate,
    about: {
      userId: string;
      user: Record<string, unknown>;
      accountId: string | null;
      feature: string;
      content: TrainingContent;
      settings: ResolvedProjectSettings;
    },
  ): Promise<OutboxWrite> {
    const { projectId, recipient } = email;
    const { accountId, settings } = about;
    const account = accountId ? await this.traits.of(projectId, 'account', accountId) : {};
    const unsubscribe = unsubscribeUrl(this.config.publicUrl, projectId, recipient, this.signingKey.value);
    const context = trainingContext({ ...about, recipient, account, unsubscribeUrl: unsubscribe });
    const rendered = brandEmail(await this.templates.render(template, context), settings.brand, unsubscribe);
    const track = (url: string) =>
      `${this.config.publicUrl}/v1/click?token=${clickToken({ projectId, outboxId: email.id, url }, this.signingKey.value)}`;
    return {
      ...email,
      ...rendered,
      html: this.withPixel(
        trackLinks(rendered.html, track, (url) => url === unsubscribe),
        { projectId, outboxId: email.id },
        settings,
      ),
      headers: unsubscribeHeaders(unsubscribe),
      from: brandSender(settings.brand, this.config.mailFrom),
    };
  }

  /** The html with the tracking image that counts its opens, if the project turned open tracking on. */
  private withPixel(html: string, open: TrackedOpen, settings: ResolvedProjectSettings): string {
    if (!settings.openTracking) return html;
    return withOpenPixel(
      html,
      `${this.config.publicUrl}/v1/open?token=${openToken(open, this.signingKey.value)}`,
    );
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

  /** The dashboard's links to a task and to its account, for the CSM's emails. */
  private links(task: Task): { taskUrl: string; accountUrl: string | null } {
    const base = this.config.publicUrl;
    return {
      taskUrl: `${base}/tasks?view=all&task=${encodeURIComponent(task.id)}`,
      accountUrl: task.account_id ? `${base}/accounts/${encodeURIComponent(task.account_id)}` : null,
    };
  }

  /** An immediate email to the task's CSM (a high-priority task), linking to the task and its account. */
  async csmAlert(projectId: string, task: Task): Promise<void> {
    const recipient = this.csmAddress(projectId, task.assignee, `alert of task ${task.id}`);
    if (!recipient) return;
    const context = {
      ...task,
      ...this.links(task),
      due: task.due_at.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    };
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
    const traits = await this.traits.ofSignal(signal);
    const choice = TraitsService.csmOf(traits.account, settings);
    if (choice.ignored.length > 0) {
      this.logger.warn(
        { projectId, accountId: signal.account_id, signalId: signal.id, ignored: choice.ignored },
        'CSM trait not accepted as recipient',
      );
    }
    const csm = choice.csm ?? TraitsService.email(settings.defaultAssignee);
    if (!csm) return null;
    const wording = signalWording(rule, signal, traits);
    await this.enqueue({
      id: uuidv5(`${signal.id}|notice|${csm}`, OUTBOX_NAMESPACE),
      projectId,
      signalId: signal.id,
      kind: 'csm_alert',
      recipient: csm,
      ...renderEmail(CSM_NOTICE, {
        ...wording,
        accountUrl: signal.account_id
          ? `${this.config.publicUrl}/accounts/${encodeURIComponent(signal.account_id)}`
          : null,
      }),
    });
    return csm;
  }

  /**
   * The day's digest for one CSM; one per CSM and day, however often it is asked for. New P1 tasks head it
   * (the only word of them a CSM who chose the digest for P1 alerts gets), then the other new tasks, then the
   * overdue ones; each links to its task in the dashboard.
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
    const view = (t: Task) => ({ ...t, ...this.links(t), due: t.due_at.toISOString().slice(0, 10) });
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
        tasksUrl: `${this.config.publicUrl}/tasks?view=mine`,
      }),
    });
  }

  /**
   * The "you asked, we built it" email of a shipped request, to each of its voters with a plain email trait:
   * one per voter and request (a fixed id), at most one of its kind per recipient per `emailFrequencyHours`,
   * never to a suppressed address, each with its unsubscribe link. Returns how many were written to send.
   */
  async feedbackShipped(projectId: string, requestId: string, now: number): Promise<number> {
    const request = await this.feedback.findById(projectId, requestId);
    if (!request || request.status !== 'shipped' || request.merged_into !== null) return 0;
    const settings = await this.projectConfig.settings(projectId);
    const hours = settings.emailFrequencyHours;
    const shipped = renderEmail(FEEDBACK_SHIPPED, { title: request.title, note: request.public_note });
    let pending = 0;
    for (const userId of await this.feedback.voters(projectId, requestId)) {
      const recipient = TraitsService.email((await this.traits.of(projectId, 'user', userId)).email);
      if (!recipient || (await this.deletedAddresses.load({ projectId, email: recipient }))) continue;
      const unsubscribe = unsubscribeUrl(this.config.publicUrl, projectId, recipient, this.signingKey.value);
      const row = await this.enqueue({
        id: uuidv5(`${requestId}|${recipient}|feedback_shipped`, OUTBOX_NAMESPACE),
        projectId,
        kind: 'feedback_shipped',
        recipient,
        ...brandEmail(shipped, settings.brand, unsubscribe),
        headers: unsubscribeHeaders(unsubscribe),
        from: brandSender(settings.brand, this.config.mailFrom),
        cap: {
          since: new Date(now - hours * 3_600_000),
          reason: `a feedback email went to this address in the last ${hours} h`,
        },
      });
      if (row.status !== 'skipped') pending++;
    }
    return pending;
  }

  /**
   * The training email of `contentKey` to each person of a cohort, from the project's template: one per cohort,
   * address, template and content (a fixed id: a repeat sends nothing twice), never to a suppressed address,
   * within the frequency cap of training emails. Without `confirm` nothing is written: it says what a send
   * would do, and renders the first email it would send.
   */
  async cohortTraining(
    projectId: string,
    cohortId: string,
    people: readonly CohortMember[],
    choice: { template: string; content: string; confirm: boolean },
    now: number,
  ): Promise<CohortEmailsResult> {
    const settings = await this.projectConfig.settings(projectId);
    const template = await this.projectConfig.template(projectId, choice.template);
    if (!template) throw NotFound(`template: the project has no email template named ${choice.template}`);
    const content = await this.projectConfig.trainingContent(projectId, choice.content);
    if (!content) throw NotFound(`content: the project has no training content for ${choice.content}`);
    const hours = settings.emailFrequencyHours;
    const result: CohortEmailsResult = {
      confirmed: choice.confirm,
      people: people.length,
      queued: 0,
      withoutAddress: 0,
      suppressed: 0,
      overCap: 0,
      alreadyQueued: 0,
      preview: null,
    };
    const emails = new Map<
      string,
      { email: OutboxWrite; person: CohortMember; user: Record<string, unknown> }
    >();
    const users = await Promise.all(people.map((p) => this.traits.of(projectId, 'user', p.id)));
    for (const [i, person] of people.entries()) {
      const user = users[i] ?? {};
      const recipient = TraitsService.email(user.email);
      if (!recipient) {
        result.withoutAddress++;
        continue;
      }
      // No row for a deleted person's address, as for a signal's email.
      if (await this.deletedAddresses.load({ projectId, email: recipient })) {
        result.suppressed++;
        continue;
      }
      const id = uuidv5(
        `cohort|${cohortId}|${recipient}|${choice.template}|${choice.content}`,
        OUTBOX_NAMESPACE,
      );
      if (emails.has(id)) continue;
      emails.set(id, {
        person,
        user,
        email: {
          id,
          projectId,
          kind: 'training',
          recipient,
          template: choice.template,
          subject: '',
          html: '',
          text: '',
          cap: {
            since: new Date(now - hours * 3_600_000),
            reason: `a training email went to this address in the last ${hours} h`,
          },
        },
      });
    }
    const planned = [...emails.values()];
    const render = ({ email, person, user }: (typeof planned)[number]) =>
      this.rendered(email, template, {
        userId: person.id,
        user,
        accountId: person.accountId,
        feature: choice.content,
        content,
        settings,
      });
    const verdicts = await this.outbox.preflight(planned.map((p) => p.email));
    const first = planned[verdicts.indexOf('pending')] ?? planned[0];
    if (first) {
      const { recipient, subject, html, text } = await render(first);
      result.preview = { recipient, subject, html, text };
    }
    if (!choice.confirm) {
      for (const verdict of verdicts) {
        if (verdict === 'pending') result.queued++;
        else if (verdict === 'exists') result.alreadyQueued++;
        else if (verdict === 'suppressed') result.suppressed++;
        else result.overCap++;
      }
      return result;
    }
    const rows = await Promise.all(
      // Rendered unless its row exists: a capped address may be free again by the time the row is written.
      planned.map(async (p, i) => this.enqueueOnce(verdicts[i] === 'exists' ? p.email : await render(p))),
    );
    for (const { row, created } of rows) {
      if (!created) result.alreadyQueued++;
      else if (row.status !== 'skipped') result.queued++;
      else if (row.skip_reason === SUPPRESSED) result.suppressed++;
      else result.overCap++;
    }
    return result;
  }

  /**
   * Writes the row once and queues it under its own id: a repeat finds the row and the job already there. The
   * writes and the jobs of emails decided side by side go out together. Returns the stored row.
   */
  private async enqueue(email: OutboxWrite): Promise<OutboxState> {
    return (await this.enqueueOnce(email)).row;
  }

  /** {@link enqueue}, saying whether this call wrote the row. */
  private async enqueueOnce(email: OutboxWrite): Promise<OutboxWritten> {
    const { row, created } = await this.writes.load(email);
    if (row.status === 'pending' || row.status === 'sending') await this.jobs.load(row.id);
    if (created)
      this.logger.log(
        { projectId: email.projectId, outboxId: row.id, kind: email.kind, status: row.status },
        'email written',
      );
    return { row, created };
  }
}
