import { type DynamicModule, Module } from '@nestjs/common';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { NotifierModule } from '@bindery/outreach';
import { QueuesModule, RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

/** The notifier: tasks, emails, webhooks and digests from the signals queue; HTTP only for health and metrics. */
@Module({})
export class NotifierAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: NotifierAppModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        QueuesModule,
        NotifierModule,
      ],
    };
  }
}
