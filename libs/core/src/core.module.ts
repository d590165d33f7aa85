import { type DynamicModule, Module } from '@nestjs/common';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { QueuesModule, RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

export interface CoreOptions {
  /** BullMQ's queues, the typed producer and the workers' start-up check (default true; ingest adds no job). */
  queues?: boolean;
}

/**
 * What every Bindery app stands on, composed once: validated config, logs, metrics, health and readiness of
 * ClickHouse, Postgres and Redis, those stores, and the queues.
 */
@Module({})
export class CoreModule {
  static forRoot(config: BinderyConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        ...(options.queues === false ? [] : [QueuesModule.forRoot()]),
      ],
    };
  }
}
