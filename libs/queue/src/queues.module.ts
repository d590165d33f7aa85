import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { JobProducer } from './job-producer';
import { JOB_ROUTES, JobRoutesCheck } from './job-routes';
import { bullConnection, JOB_QUEUE, QUEUES, type QueueName } from './queues';

/**
 * Finished jobs stay in Redis a day (failed ones a week) and no more than 10,000 of them, then go: Redis does not
 * grow with every email ever sent. The Postgres rows (outbox, signals, tasks), not the jobs, are the record and
 * the guard against doing a job twice, so a job added again after its twin is gone does nothing new.
 */
const KEEP_FINISHED_JOBS = {
  removeOnComplete: { age: 86_400, count: 10_000 },
  removeOnFail: { age: 7 * 86_400, count: 10_000 },
};

/**
 * BullMQ over the configured Redis, with Bindery's queues registered, the typed producer, and workers that
 * start only when `routes` (every job name and its queue) and the app's processors match.
 */
@Module({})
export class QueuesModule {
  static forRoot(routes: Readonly<Record<string, QueueName>> = JOB_QUEUE): DynamicModule {
    return {
      module: QueuesModule,
      global: true,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [BINDERY_CONFIG],
          useFactory: (config: BinderyConfig) => ({
            connection: bullConnection(config.redisUrl),
            prefix: config.queuePrefix,
          }),
          extraOptions: { manualRegistration: true },
        }),
        BullModule.registerQueue(
          ...Object.values(QUEUES).map((name) => ({ name, defaultJobOptions: KEEP_FINISHED_JOBS })),
        ),
      ],
      providers: [JobProducer, JobRoutesCheck, { provide: JOB_ROUTES, useValue: routes }],
      exports: [BullModule, JobProducer],
    };
  }
}
