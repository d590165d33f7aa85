import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@bindery/auth';
import { ClickHouseModule } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule } from '@bindery/db';
import { IngestModule } from '@bindery/ingest';
import { ProjectsModule } from '@bindery/projects';
import { QueuesModule, RedisModule } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';
import { SurveyFetchModule, VoiceApiModule } from '@bindery/voice';

/** The parts of the standalone app that surveys and feedback use: ingest, projects and voice. */
@Module({})
export class VoiceTestModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: VoiceTestModule,
      imports: [
        PlatformModule.forRoot(config, []),
        ClickHouseModule,
        DbModule,
        RedisModule,
        QueuesModule.forRoot(),
        AuthModule,
        IngestModule,
        ProjectsModule,
        VoiceApiModule,
        SurveyFetchModule,
      ],
    };
  }
}
