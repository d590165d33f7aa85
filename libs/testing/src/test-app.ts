import { randomBytes } from 'node:crypto';
import {
  type DynamicModule,
  type INestApplicationContext,
  Module,
  type ModuleMetadata,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type BinderyConfig, ConfigModule, loadConfig } from '@bindery/config';
import { type CreatedProject } from '@bindery/contracts';
import { createHttpApp, MetricsModule } from '@bindery/server';
import { workerDataDir } from './stores';

/**
 * A test's configuration: the worker's data folder, silent logs and BullMQ keys of its own (apps of parallel
 * suites share the Redis server, not their jobs); `env` adds to it or overrides it.
 */
function testConfig(env: Record<string, string>): BinderyConfig {
  return loadConfig(
    {
      DATA_DIR: workerDataDir(),
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: `test-${randomBytes(6).toString('hex')}`,
      ...env,
    },
    { port: 0 },
  );
}

export interface TestApp {
  /** Base URL on loopback, e.g. http://127.0.0.1:40123 */
  url: string;
  app: NestFastifyApplication;
  config: BinderyConfig;
  adminToken: string;
  /** Creates a project through the admin API, as an operator would. */
  createProject(name?: string): Promise<CreatedProject>;
  close(): Promise<void>;
}

/**
 * Starts an app on a random loopback port over the real stores: chDB and PGlite in the worker's data folder
 * (or Postgres when `env.DATABASE_URL` is given) and the Redis server.
 */
export async function startTestApp(
  module: (config: BinderyConfig) => DynamicModule,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const adminToken = `adm_test_${randomBytes(16).toString('hex')}`;
  const config = testConfig({ BINDERY_ADMIN_TOKEN: adminToken, ...env });
  const app = await createHttpApp(module(config), config, {
    docs: true,
    dashboard: true,
    title: 'Bindery (test)',
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    url,
    app,
    config,
    adminToken,
    async createProject(name = `test-${randomBytes(4).toString('hex')}`) {
      const res = await fetch(`${url}/v1/projects`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name }),
      });
      if (res.status !== 201) throw new Error(`create project: ${res.status} ${await res.text()}`);
      return (await res.json()) as CreatedProject;
    },
    close: () => app.close(),
  };
}

/**
 * A Nest application context (no HTTP) over the real stores, as {@link startTestApp} has them: the config and
 * metrics modules, then `imports` (ClickHouseModule first: the testing library is below it), and `providers` on a
 * module of its own; `env` adds to (or overrides) the configuration's variables. Errors only are logged.
 */
export async function startTestContext(
  { imports = [], providers = [] }: Pick<ModuleMetadata, 'imports' | 'providers'>,
  env: Record<string, string> = {},
): Promise<INestApplicationContext> {
  const config = testConfig(env);
  @Module({ imports: [ConfigModule.forRoot(config), MetricsModule, ...imports], providers })
  class TestContextModule {}
  return NestFactory.createApplicationContext(TestContextModule, { logger: ['error'], abortOnError: false });
}
