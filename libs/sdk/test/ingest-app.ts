import { type DynamicModule, Module } from '@nestjs/common';
import { AnalyticsModule } from '@bindery/analytics';
import { AuthModule } from '@bindery/auth';
import { type BinderyConfig } from '@bindery/config';
import { CoreModule } from '@bindery/core';
import { IngestModule } from '@bindery/ingest';
import { ProjectsModule } from '@bindery/projects';
import { type TestApp, startTestApp } from '@bindery/testing';

/** What the SDK talks to and what the tests read back through: ingest, projects and the event explorer. */
@Module({})
class SdkTestAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: SdkTestAppModule,
      imports: [CoreModule.forRoot(config), AuthModule, IngestModule, ProjectsModule, AnalyticsModule],
    };
  }
}

/** Starts the real ingest service (chDB, PGlite, Redis) in this process on a random loopback port. */
export function startIngestApp(env: Record<string, string> = {}): Promise<TestApp> {
  return startTestApp((config) => SdkTestAppModule.forRoot(config), env);
}
