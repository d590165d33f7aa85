import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { bullConnection, QUEUES } from './queues';

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
    BullModule.registerQueue(...Object.values(QUEUES).map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
