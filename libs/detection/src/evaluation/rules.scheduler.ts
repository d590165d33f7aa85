import { InjectQueue } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Queue } from 'bullmq';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { ProjectRepository } from '@bindery/db';
import { type JobPayloads, QUEUES } from '@bindery/queue';

/** New projects get their scheduler within this long. */
const SYNC_MS = 60_000;

/** One BullMQ job scheduler per project evaluates its rules every RULES_INTERVAL_SECONDS. */
@Injectable()
export class RulesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RulesScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly projects: ProjectRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    @InjectQueue(QUEUES.rules) private readonly queue: Queue<JobPayloads['evaluate-rules']>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.rulesIntervalSeconds === 0) return;
    await this.sync();
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'could not sync rule schedulers'),
      );
    }, SYNC_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Creates or updates each project's scheduler; upserting is idempotent across worker replicas. */
  async sync(): Promise<void> {
    for (const projectId of await this.projects.findAllIds()) {
      await this.queue.upsertJobScheduler(
        `rules:${projectId}`,
        { every: this.config.rulesIntervalSeconds * 1000 },
        { name: 'evaluate-rules', data: { projectId }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
      );
    }
  }
}
