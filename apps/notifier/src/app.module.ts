import { type DynamicModule, Module } from '@nestjs/common';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { NotifierModule } from '@bindery/outreach';

/** The notifier: tasks, emails, webhooks and digests from the signals queue; HTTP only for health and metrics. */
@Module({})
export class NotifierAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: NotifierAppModule,
      imports: [CoreModule.forRoot(config), NotifierModule],
    };
  }
}
