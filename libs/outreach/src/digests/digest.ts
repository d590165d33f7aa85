import { Processor } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  MembershipRepository,
  ProjectRepository,
  ProjectSettingsRepository,
  TaskRepository,
} from '@bindery/db';
import { type JobHandlers, type JobPayloads, JobProcessor, JobProducer, QUEUES } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { repeatEvery } from '@bindery/server';
import { EmailService } from '../emails/email.service';
import { csmAlerts } from '../tasks/csm-alerts';
import { GoalReportService } from '../goals/goal-report.service';

const DAY_MS = 86_400_000;
const SYNC_MS = 60_000;

/**
 * Sends each CSM of a project their tasks new in the last day and those overdue; new P1 tasks are left out for
 * a CSM who chose to hear of P1s not at all.
 */
@Processor(QUEUES.digests)
export class DigestProcessor extends JobProcessor<'digests'> {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly emails: EmailService,
    private readonly settings: ProjectSettingsRepository,
    private readonly members: MembershipRepository,
    private readonly goals: GoalReportService,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'digests'> = {
    'csm-digest': (job) => this.digest(job.data),
    'goal-report': (job) => this.goals.run(job.data.projectId, Date.now()),
  };

  private async digest({ projectId }: JobPayloads['csm-digest']): Promise<number> {
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    const settings = withDefaultSettings(await this.settings.get(projectId));
    let sent = 0;
    for (const assignee of await this.tasks.assignees(projectId)) {
      const notice = await this.members.p1NoticeOf(projectId, assignee);
      const found = await this.tasks.forDigest(projectId, assignee, new Date(now - DAY_MS), new Date(now));
      const { overdue } = found;
      const created =
        csmAlerts(settings, assignee, notice) === 'never'
          ? found.created.filter((t) => t.priority !== 'P1')
          : found.created;
      if (!created.length && !overdue.length) continue;
      await this.emails.csmDigest(projectId, assignee, day, created, overdue);
      sent++;
    }
    return sent;
  }
}

/**
 * Job schedulers per project: its digest daily at the project's `digestHourUtc`, and its goals report hourly
 * (goal periods end at a UTC midnight: the snapshots and the owners' email follow within the hour).
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private stop?: () => void;

  constructor(
    private readonly projects: ProjectRepository,
    private readonly settings: ProjectSettingsRepository,
    private readonly jobs: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    this.stop = repeatEvery(
      SYNC_MS,
      () => this.sync(),
      (error) => this.logger.warn({ err: error }, 'could not sync digest schedulers'),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  async sync(): Promise<void> {
    for (const projectId of await this.projects.findAllIds()) {
      const { digestHourUtc } = withDefaultSettings(await this.settings.get(projectId));
      await this.jobs.schedule(
        'csm-digest',
        `digest:${projectId}`,
        { pattern: `0 ${digestHourUtc} * * *`, tz: 'UTC' },
        { projectId },
        { removeOnComplete: 100, removeOnFail: 100 },
      );
      await this.jobs.schedule(
        'goal-report',
        `goals:${projectId}`,
        { pattern: '5 * * * *', tz: 'UTC' },
        { projectId },
        { removeOnComplete: 100, removeOnFail: 100 },
      );
    }
  }
}
