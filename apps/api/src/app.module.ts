import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@bindery/analytics';
import { AuthModule, TeamModule } from '@bindery/auth';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { RulesApiModule } from '@bindery/detection';
import { OutreachApiModule } from '@bindery/outreach';
import { ProjectsModule } from '@bindery/projects';
import { VoiceApiModule } from '@bindery/voice';

/** The query and administration API: stateless, scaled behind a load balancer. */
@Module({})
export class ApiAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: ApiAppModule,
      imports: [
        CoreModule.forRoot(config),
        AuthModule,
        ProjectsModule,
        TeamModule,
        AnalyticsModule,
        RulesApiModule,
        OutreachApiModule,
        VoiceApiModule,
      ],
    };
  }
}
