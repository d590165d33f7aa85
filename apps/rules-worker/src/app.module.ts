import { type DynamicModule, Module } from '@nestjs/common';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { RulesWorkerModule } from '@bindery/detection';
import { QueuesModule, RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

/** The rules worker: BullMQ processors and schedulers; its HTTP serves only health and metrics. */
@Module({})
export class RulesWorkerAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: RulesWorkerAppModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        QueuesModule,
        RulesWorkerModule,
      ],
    };
  }
}
