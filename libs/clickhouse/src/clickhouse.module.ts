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
import {
  CLICKHOUSE,
  CLICKHOUSE_REPORTS,
  createClickHouseClient,
  createReportsClient,
} from './clickhouse.client';
import { ClickHouseReadiness } from './clickhouse.readiness';
import { ClickHouseMigrator, defaultMigrationsDir, readMigrations } from './migration-runner';
import { RetentionRedater } from './retention-redater';

/**
 * Provides the ClickHouse clients (server or chDB), one for ingest and the rest and one for reports, and the
 * re-dating of a project's rows for its retention, and brings the schema up to date at start-up.
 */
@Global()
@Module({
  providers: [
    {
      provide: CLICKHOUSE,
      inject: [BINDERY_CONFIG],
      useFactory: (config: BinderyConfig) => createClickHouseClient(config),
    },
    {
      provide: CLICKHOUSE_REPORTS,
      inject: [BINDERY_CONFIG],
      useFactory: (config: BinderyConfig) => createReportsClient(config),
    },
    ClickHouseReadiness,
    RetentionRedater,
  ],
  exports: [CLICKHOUSE, CLICKHOUSE_REPORTS, ClickHouseReadiness, RetentionRedater],
})
export class ClickHouseModule implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClickHouseModule.name);

  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(CLICKHOUSE_REPORTS) private readonly reports: ClickHouseClient,
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
    await this.reports.close();
    await this.client.close();
  }
}
