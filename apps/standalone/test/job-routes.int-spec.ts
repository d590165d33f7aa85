import { randomBytes } from 'node:crypto';
import { getQueueToken, Processor } from '@nestjs/bullmq';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type Queue } from 'bullmq';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig, loadConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { RulesWorkerModule } from '@bindery/detection';
import { NotifierModule } from '@bindery/outreach';
import {
  JOB_QUEUE,
  type JobHandlers,
  JobProcessor,
  QUEUES,
  QueuesModule,
  type QueueName,
  RedisModule,
  RedisReadiness,
} from '@bindery/queue';
import { PlatformModule } from '@bindery/server';
import { until, workerDataDir } from '@bindery/testing';

/** A second processor of the signals queue, as a copy-pasted worker would be. */
@Processor(QUEUES.signals)
class SecondSignalsProcessor extends JobProcessor<'signals'> {
  readonly handlers: JobHandlers<'signals'> = {
    signals: async () => 'taken',
    signal: async () => 'taken',
    'signals-resolved': async () => 'taken',
  };
}

@Module({ providers: [SecondSignalsProcessor] })
class SecondSignalsModule {}

/** The workers of every queue (as the standalone app has them) over the real stores, with these routes. */
function workers(config: BinderyConfig, routes: Record<string, QueueName>, extra: DynamicModule[] = []) {
  @Module({})
  class WorkersModule {}
  return {
    module: WorkersModule,
    imports: [
      PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
      ClickHouseModule,
      DbModule,
      RedisModule,
      QueuesModule.forRoot(routes),
      NotifierModule,
      RulesWorkerModule,
      ...extra,
    ],
  };
}

describe('start-up check of jobs and processors', () => {
  const config = loadConfig(
    {
      DATA_DIR: workerDataDir(),
      LOG_LEVEL: 'silent',
      RULES_INTERVAL_SECONDS: '0',
      QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
    },
    { port: 0 },
  );
  let app: INestApplication | undefined;

  const create = (module: DynamicModule) =>
    NestFactory.create(module, new FastifyAdapter(), { logger: false, abortOnError: false });

  /** Workers connected to a queue of this app (BullMQ names its worker connections in Redis). */
  const workersOf = (queue: QueueName) => app!.get<Queue>(getQueueToken(queue)).getWorkersCount();

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('starts the workers when every job has one processor', async () => {
    app = await create(workers(config, JOB_QUEUE));
    await app.init();

    await until(
      'the workers',
      () => workersOf(QUEUES.signals),
      (n) => n === 1,
    );
  });

  it('refuses to start, no worker running, when a job name has no processor', async () => {
    app = await create(workers(config, { ...JOB_QUEUE, 'fake-job': QUEUES.signals }));

    await expect(app.init()).rejects.toThrow('job fake-job (queue signals) has no processor');
    expect(await workersOf(QUEUES.signals)).toBe(0);
  });

  it('refuses to start when a job name has two processors', async () => {
    app = await create(workers(config, JOB_QUEUE, [{ module: SecondSignalsModule }]));

    await expect(app.init()).rejects.toThrow(
      'job signal has 2 processors: SignalsProcessor, SecondSignalsProcessor',
    );
  });
});
