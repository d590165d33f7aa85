import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job } from 'bullmq';
import { settleAll } from '@bindery/contracts';
import { SignalRepository } from '@bindery/db';
import { type JobHandlers, type JobPayloads, JobProcessor, QUEUES } from '@bindery/queue';
import { batchLoader } from './emails/batch-loader';
import { EmailService } from './emails/email.service';
import { ProjectConfigCache } from './project-config.cache';
import { TaskService } from './tasks/task.service';
import { TaskResolutionService } from './tasks/task-resolution.service';

/**
 * Carries out each signal's rule actions; every step is idempotent, so a retried job does nothing twice. A job
 * holds up to SIGNALS_PER_JOB signals, handled side by side: four jobs at a time keep about a hundred signals
 * in flight.
 */
@Processor(QUEUES.signals, { concurrency: 4, lockDuration: 15_000, stalledInterval: 5_000 })
export class SignalsProcessor extends JobProcessor<'signals'> {
  private readonly logger = new Logger(SignalsProcessor.name);
  /** The signals of the jobs that start together, read in one query. */
  private readonly found = batchLoader(async (keys: readonly { projectId: string; id: string }[]) => {
    const byKey = new Map((await this.signals.findMany(keys)).map((s) => [`${s.project_id}|${s.id}`, s]));
    return keys.map((k) => byKey.get(`${k.projectId}|${k.id}`));
  });

  constructor(
    private readonly signals: SignalRepository,
    private readonly config: ProjectConfigCache,
    private readonly tasks: TaskService,
    private readonly emails: EmailService,
    private readonly resolution: TaskResolutionService,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'signals'> = {
    signals: (job) => this.signalBatch(job.data),
    signal: (job) => this.signal(job.data),
    'signals-resolved': (job) => this.resolution.signalsResolved(job.data.projectId, job.data.signalIds),
  };

  /** Each signal of the job, side by side; all have finished when a failure fails the job (and it is retried). */
  private async signalBatch({
    projectId,
    signalIds,
  }: JobPayloads['signals']): Promise<Record<string, unknown>> {
    const done = await settleAll(signalIds.map((signalId) => this.signal({ projectId, signalId })));
    return Object.fromEntries(done.map((outcome, i) => [signalIds[i], outcome]));
  }

  private async signal({ projectId, signalId }: JobPayloads['signal']): Promise<Record<string, unknown>> {
    const signal = await this.found.load({ projectId, id: signalId });
    const rule = signal && (await this.config.rule(projectId, signal.rule_id));
    // A signal whose rule was deleted went with it: nothing left to do.
    if (!signal || !rule) return { gone: true };
    // Cleared before its actions were carried out: no task, no email about a problem that is gone.
    if (signal.resolved_at !== null) return { resolved: true };
    // The rule's control arm: recorded to measure the rule's effect, never acted on.
    if (signal.held_out) return { heldOut: true };
    const settings = await this.config.settings(projectId);
    const now = Date.now();
    const done: Record<string, unknown> = {};
    const actions = rule.actions;
    // A rule that makes a task tells the CSM through it (a P1 alert, or the digest): one email, not two.
    const taskTells = actions.some((a) => a.kind === 'task');
    for (const action of actions) {
      if (action.kind === 'task') {
        const outcome = await this.tasks.fromSignal(signal, rule, action.severity, settings, now);
        done.task =
          'quieted' in outcome
            ? { quietedBy: outcome.quieted.id }
            : { id: outcome.task.id, created: outcome.created };
      } else if (action.kind === 'email') {
        done.email = await this.emails.training(signal, rule, action.template, settings, now);
      } else if (taskTells) {
        done.notified = 'through the task';
      } else {
        done.notified = await this.emails.csmNotice(signal, rule, settings);
      }
    }
    this.logger.log({ projectId, signalId, ruleId: rule.id, ...done }, 'signal handled');
    return done;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: error },
      `${job?.name ?? 'job'} failed`,
    );
  }
}
