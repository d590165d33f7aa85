import { type DynamicModule, Module } from '@nestjs/common';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { RulesWorkerModule } from '@bindery/detection';

/** The rules worker: BullMQ processors and schedulers; its HTTP serves only health and metrics. */
@Module({})
export class RulesWorkerAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: RulesWorkerAppModule,
      imports: [CoreModule.forRoot(config), RulesWorkerModule],
    };
  }
}
