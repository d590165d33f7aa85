import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { CLICKHOUSE, createClickHouseClient } from './clickhouse.client';
import { ClickHouseReadiness } from './clickhouse.readiness';
import { ClickHouseMigrator, defaultMigrationsDir, readMigrations } from './migration-runner';

/** Provides the ClickHouse client (server or chDB) and brings the schema up to date at start-up. */
@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [BINDERY_CONFIG],
      useFactory: (config: BinderyConfig) => createClickHouseClient(config),
    },
    ClickHouseReadiness,
  ],
  exports: [CLICKHOUSE, ClickHouseReadiness],
})
export class ClickHouseModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClickHouseModule.name);

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const migrator = new ClickHouseMigrator(
      this.client,
      { cluster: this.config.clickhouse.cluster },
      readMigrations(defaultMigrationsDir()),
    );
    this.logger.log('Applying ClickHouse migrations');
    const started = Date.now();
    const applied = await migrator.migrate();
    this.logger.log(
      { applied, ms: Date.now() - started },
      `ClickHouse migrations done: ${applied.length} applied`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
