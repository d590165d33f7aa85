import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { ProjectRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { repeatEvery } from '@bindery/server';

/** New projects get their scheduler within this long. */
const SYNC_MS = 60_000;

/** One BullMQ job scheduler per project evaluates its rules every RULES_INTERVAL_SECONDS. */
@Injectable()
export class RulesScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RulesScheduler.name);
  private stop?: () => void;

  constructor(
    private readonly projects: ProjectRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
    private readonly jobs: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.rulesIntervalSeconds === 0) return;
    await this.sync();
    this.stop = repeatEvery(
      SYNC_MS,
      () => this.sync(),
      (error) => this.logger.warn({ err: error }, 'could not sync rule schedulers'),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  /** Creates or updates each project's scheduler; upserting is idempotent across worker replicas. */
  async sync(): Promise<void> {
    for (const projectId of await this.projects.findAllIds()) {
      await this.jobs.schedule(
        'evaluate-rules',
        `rules:${projectId}`,
        { every: this.config.rulesIntervalSeconds * 1000 },
        { projectId },
        { removeOnComplete: 100, removeOnFail: 100 },
      );
    }
  }
}
