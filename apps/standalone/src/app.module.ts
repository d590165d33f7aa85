import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@bindery/analytics';
import { AuthModule, TeamModule } from '@bindery/auth';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { RulesApiModule, RulesWorkerModule } from '@bindery/detection';
import { NotifierModule, OutreachApiModule } from '@bindery/outreach';
import { IngestModule } from '@bindery/ingest';
import { ProjectsModule } from '@bindery/projects';
import { SurveyFetchModule, VoiceApiModule } from '@bindery/voice';

/** Every Bindery capability in one process: the embedded default that `npm start` runs. */
@Module({})
export class StandaloneModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        CoreModule.forRoot(config),
        AuthModule,
        IngestModule,
        ProjectsModule,
        TeamModule,
        AnalyticsModule,
        RulesApiModule,
        NotifierModule,
        OutreachApiModule,
        RulesWorkerModule,
        VoiceApiModule,
        SurveyFetchModule,
      ],
    };
  }
}
