import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@bindery/analytics';
import { AuthModule } from '@bindery/auth';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { RulesApiModule, RulesWorkerModule } from '@bindery/detection';
import { NotifierModule, OutreachApiModule } from '@bindery/outreach';
import { IngestModule } from '@bindery/ingest';
import { ProjectsModule } from '@bindery/projects';
import { QueuesModule, RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

/** Every Bindery capability in one process: the embedded default that `npm start` runs. */
@Module({})
export class StandaloneModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        QueuesModule,
        AuthModule,
        IngestModule,
        ProjectsModule,
        AnalyticsModule,
        RulesApiModule,
        NotifierModule,
        OutreachApiModule,
        RulesWorkerModule,
      ],
    };
  }
}
