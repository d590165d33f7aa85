import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { ProjectRepository, ProjectSettingsRepository, TaskRepository } from '@bindery/db';
import { type JobPayloads, QUEUES } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { EmailService } from '../emails/email.service';

const DAY_MS = 86_400_000;
const SYNC_MS = 60_000;

/** Sends each CSM of a project their tasks new in the last day and those overdue. */
@Processor(QUEUES.digests)
export class DigestProcessor extends WorkerHost {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly emails: EmailService,
  ) {
    super();
  }

  async process(job: Job<JobPayloads['csm-digest']>): Promise<number> {
    if (job.name !== 'csm-digest') throw new UnrecoverableError(`no handler for job ${job.name}`);
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    let sent = 0;
    for (const assignee of await this.tasks.assignees(job.data.projectId)) {
      const { created, overdue } = await this.tasks.forDigest(
        job.data.projectId,
        assignee,
        new Date(now - DAY_MS),
        new Date(now),
      );
      if (!created.length && !overdue.length) continue;
      await this.emails.csmDigest(job.data.projectId, assignee, day, created, overdue);
      sent++;
    }
    return sent;
  }
}

/** One job scheduler per project fires its digest daily at the project's `digestHourUtc`. */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly projects: ProjectRepository,
    private readonly settings: ProjectSettingsRepository,
    @InjectQueue(QUEUES.digests) private readonly queue: Queue<JobPayloads['csm-digest']>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sync();
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not sync digest schedulers'),
      );
    }, SYNC_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sync(): Promise<void> {
    for (const projectId of await this.projects.findAllIds()) {
      const { digestHourUtc } = withDefaultSettings(await this.settings.get(projectId));
      await this.queue.upsertJobScheduler(
        `digest:${projectId}`,
        { pattern: `0 ${digestHourUtc} * * *`, tz: 'UTC' },
        { name: 'csm-digest', data: { projectId }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
  }
}
