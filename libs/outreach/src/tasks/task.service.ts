import { Injectable, Logger } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { DomainError, type ResolvedProjectSettings } from '@bindery/contracts';
import {
  AccountHealthRepository,
  MembershipRepository,
  type Rule,
  type Signal,
  type Task,
  TaskRepository,
} from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { AccountRiskService } from '@bindery/risk';
import { EmailService } from '../emails/email.service';
import { describeRisk, dueAt, type Severity, signalWording, taskPriority } from './task-wording';
import { csmAlerts } from './csm-alerts';
import { TraitsService } from '../emails/traits.service';

/** A task's id: one per signal that opened it, so that a repeat of the job opens the same task. */
const TASK_NAMESPACE = '3a1b8c2d-7e6f-4a5b-9c8d-1e2f3a4b5c6d';
/** A new task on an account says why its health fell over this many days (the account page's default). */
const RISK_DAYS = 14;
/** Webhook deliveries are retried this often, backing off from 5 s. */
export const WEBHOOK_JOB = { attempts: 6, backoff: { type: 'exponential', delay: 5_000 } } as const;

export type TaskOutcome = { task: Task; created: boolean } | { quieted: Task };

/** Customer-success tasks from signals: one live task per account and rule, the CSM told when it matters. */
@Injectable()
export class TaskService {
  private readonly logger = new Logger(TaskService.name);

  constructor(
    private readonly tasks: TaskRepository,
    private readonly health: AccountHealthRepository,
    private readonly traits: TraitsService,
    private readonly emails: EmailService,
    private readonly jobs: JobProducer,
    private readonly risk: AccountRiskService,
    private readonly members: MembershipRepository,
  ) {}

  /**
   * Adds the signal to the account's live task from the same rule, or opens one: assigned to the account's
   * CSM (its `csm_email` trait if the project's `csms` or `csmDomains` accept it, else the project's default
   * assignee, else the shared queue; a trait that was not accepted is noted in the timeline), prioritised by
   * the rule's severity and the account's ABC class. A snoozed or dismissed task keeps the rule quiet for
   * the account until its date. A new P1 task emails its CSM at once (unless they chose the digest or no
   * notice); every new task goes to the webhook.
   */
  async fromSignal(
    signal: Signal,
    rule: Rule,
    severity: Severity,
    settings: ResolvedProjectSettings,
    now: number,
  ): Promise<TaskOutcome> {
    const projectId = signal.project_id;
    const quiet = await this.tasks.findQuieting(projectId, signal.account_id, rule.id, new Date(now));
    if (quiet) return { quieted: quiet };
    const entry = { actor: 'rules', change: { signalId: signal.id, ruleId: rule.id } };
    const ownId = uuidv5(signal.id, TASK_NAMESPACE);
    const live = await this.tasks.findLive(projectId, signal.account_id, rule.id);
    if (live?.id === ownId) {
      // This signal opened it on an earlier attempt of the job, which may have stopped before announcing it.
      await this.announce(live, settings);
      return { task: live, created: true };
    }
    if (live) {
      const task = (await this.tasks.addSignal(projectId, live.id, signal.id, entry)) ?? live;
      return { task, created: false };
    }
    const traits = await this.traits.ofSignal(signal);
    const abc = signal.account_id
      ? ((await this.health.latest(projectId, [signal.account_id])).get(signal.account_id)?.abc ?? null)
      : null;
    const priority = taskPriority(severity, abc);
    const choice = TraitsService.csmOf(traits.account, settings);
    if (choice.ignored.length > 0) {
      this.logger.warn(
        { projectId, accountId: signal.account_id, signalId: signal.id, ignored: choice.ignored },
        'CSM trait not accepted as assignee',
      );
    }
    const wording = signalWording(rule, signal, traits);
    const why = signal.account_id ? await this.whyAtRisk(projectId, signal.account_id, now) : null;
    let task: Task;
    try {
      task = await this.tasks.create(
        {
          id: ownId,
          projectId,
          accountId: signal.account_id,
          ruleId: rule.id,
          title: wording.title,
          body: why ? `${wording.body}\n\n${why}` : wording.body,
          priority,
          assignee: choice.csm ?? settings.defaultAssignee,
          dueAt: dueAt(priority, now),
          signalIds: [signal.id],
        },
        {
          actor: 'rules',
          change: {
            created: true,
            signalId: signal.id,
            priority,
            abc,
            ...(choice.ignored.length > 0 ? { csmTraitsIgnored: choice.ignored } : {}),
          },
        },
      );
    } catch (error) {
      // Another worker opened the account's task first (or this job ran before): join that one.
      if (!(error instanceof DomainError && error.code === 'conflict')) throw error;
      const other = await this.tasks.findLive(projectId, signal.account_id, rule.id);
      if (!other) throw error;
      return {
        task: (await this.tasks.addSignal(projectId, other.id, signal.id, entry)) ?? other,
        created: false,
      };
    }
    await this.announce(task, settings);
    return { task, created: true };
  }

  /**
   * Why the account's health fell, in words, or null. A task is still worth opening without it: a failure to
   * explain is logged, not thrown.
   */
  private async whyAtRisk(projectId: string, accountId: string, now: number): Promise<string | null> {
    try {
      return describeRisk(await this.risk.explain(projectId, accountId, RISK_DAYS, now));
    } catch (error) {
      this.logger.warn({ err: error, projectId, accountId }, 'could not explain the account’s health');
      return null;
    }
  }

  /**
   * Tells the CSM of a new P1 task by email at once, unless they chose to read P1s in their digest or not
   * at all (a member's P1 notice, else their `alerts` in the settings' `csms`); other tasks reach them in the
   * digest. Posts every new task to the project's webhook. Each once.
   */
  private async announce(task: Task, settings: ResolvedProjectSettings): Promise<void> {
    if (task.priority === 'P1' && task.assignee) {
      const notice = await this.members.p1NoticeOf(task.project_id, task.assignee);
      if (csmAlerts(settings, task.assignee, notice) === 'immediate') {
        await this.emails.csmAlert(task.project_id, task);
      }
    }
    if (settings.webhook) {
      await this.jobs.enqueue(
        'send-webhook',
        { projectId: task.project_id, taskId: task.id, event: 'task.created' },
        { jobId: `task.created-${task.id}`, ...WEBHOOK_JOB },
      );
    }
  }
}
