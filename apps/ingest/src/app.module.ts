import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@bindery/auth';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { IngestModule } from '@bindery/ingest';
import { SurveyFetchModule } from '@bindery/voice';

/** The ingest tier: stateless, scaled behind a load balancer. */
@Module({})
export class IngestAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [CoreModule.forRoot(config, { queues: false }), AuthModule, IngestModule, SurveyFetchModule],
    };
  }
}
