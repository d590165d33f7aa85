import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@bindery/analytics';
import { AuthModule } from '@bindery/auth';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { RulesApiModule } from '@bindery/detection';
import { OutreachApiModule } from '@bindery/outreach';
import { ProjectsModule } from '@bindery/projects';
import { QueuesModule, RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

/** The query and administration API: stateless, scaled behind a load balancer. */
@Module({})
export class ApiAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        QueuesModule,
        AuthModule,
        ProjectsModule,
        AnalyticsModule,
        RulesApiModule,
        OutreachApiModule,
      ],
    };
  }
}
