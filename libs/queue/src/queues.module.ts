import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { bullConnection, QUEUES } from './queues';

/**
 * Finished jobs stay in Redis a day (failed ones a week) and no more than 10,000 of them, then go: Redis does not
 * grow with every email ever sent. The Postgres rows (outbox, signals, tasks), not the jobs, are the record and
 * the guard against doing a job twice, so a job added again after its twin is gone does nothing new.
 */
const KEEP_FINISHED_JOBS = {
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400, count: 10_000 },
};

/** BullMQ over the configured Redis, with Bindery's queues registered for producers and processors. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [BINDERY_CONFIG],
      useFactory: (config: BinderyConfig) => ({
        connection: bullConnection(config.redisUrl),
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue(
      ...Object.values(QUEUES).map((name) => ({ name, defaultJobOptions: KEEP_FINISHED_JOBS })),
    ),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
