import { Processor } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError } from 'bullmq';
import { RetentionRedater } from '@bindery/clickhouse';
import { ProjectSettingsRepository } from '@bindery/db';
import { type JobHandlers, type JobOf, JobProcessor, QUEUES } from '@bindery/queue';
import { DELETE_PERSON_JOB, PersonDeletionService } from './deletion/person-deletion.service';

/**
 * Runs the `people` queue's jobs one at a time (ClickHouse mutations are heavy): person deletions, and the
 * re-dating of a project's rows that a change of its retention queues. A deletion that must wait for ingest to
 * see its suppression goes back to the queue, delayed, rather than hold the worker; at start-up the deletions
 * a stopped process left unfinished are queued again from their rows.
 */
@Processor(QUEUES.people, { concurrency: 1, lockDuration: 60_000, stalledInterval: 10_000 })
export class PrivacyProcessor extends JobProcessor<'people'> implements OnApplicationBootstrap {
  private readonly logger = new Logger(PrivacyProcessor.name);

  constructor(
    private readonly deletions: PersonDeletionService,
    private readonly settings: ProjectSettingsRepository,
    private readonly retention: RetentionRedater,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'people'> = {
    'delete-person': (job) => this.delete(job),
    'redate-events': (job) => this.redate(job),
  };

  async onApplicationBootstrap(): Promise<void> {
    const resumed = await this.deletions.resumeUnfinished();
    if (resumed > 0) this.logger.log({ resumed }, 'Resuming unfinished person deletions');
  }

  private async delete(job: JobOf<'delete-person'>): Promise<string> {
    try {
      const step = await this.deletions.run(job.data.deletionId);
      if ('done' in step) return 'done';
      await job.moveToDelayed(step.waitUntil, job.token);
      throw new DelayedError();
    } catch (error) {
      if (!(error instanceof DelayedError) && job.attemptsMade + 1 >= DELETE_PERSON_JOB.attempts) {
        await this.deletions.fail(job.data.deletionId, (error as Error).message);
      }
      throw error;
    }
  }

  /** Re-dates the project's rows for the retention it has now, whatever it had when the job was queued. */
  private async redate(job: JobOf<'redate-events'>): Promise<string> {
    const { projectId } = job.data;
    const retentionDays = (await this.settings.get(projectId))?.eventRetentionDays ?? null;
    await this.retention.redate(projectId, retentionDays);
    this.logger.log({ projectId, retentionDays }, 'Stored events re-dated again for the retention');
    return 'done';
  }
}
