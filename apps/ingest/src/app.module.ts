import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@bindery/auth';
import { ClickHouseModule, ClickHouseReadiness } from '@bindery/clickhouse';
import { type BinderyConfig } from '@bindery/config';
import { DbModule, DbReadiness } from '@bindery/db';
import { IngestModule } from '@bindery/ingest';
import { RedisModule, RedisReadiness } from '@bindery/queue';
import { PlatformModule } from '@bindery/server';

/** The ingest tier: stateless, scaled behind a load balancer. */
@Module({})
export class IngestAppModule {
  static forRoot(config: BinderyConfig): DynamicModule {
    return {
      module: IngestAppModule,
      imports: [
        PlatformModule.forRoot(config, [ClickHouseReadiness, DbReadiness, RedisReadiness]),
        ClickHouseModule,
        DbModule,
        RedisModule,
        AuthModule,
        IngestModule,
      ],
    };
  }
}
