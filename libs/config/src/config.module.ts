import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type BinderyConfig } from './config';

/** Injection token of the validated {@link BinderyConfig}. */
export const BINDERY_CONFIG = Symbol('BINDERY_CONFIG');

/** Makes the configuration, loaded once at start-up by the app, injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: BINDERY_CONFIG, useValue: config }],
      exports: [BINDERY_CONFIG],
    };
  }
}
