import { Inject, Injectable } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from './clickhouse.client';

/** Ready when ClickHouse answers a query. */
@Injectable()
export class ClickHouseReadiness {
  readonly name = 'clickhouse';
  constructor(@Inject(CLICKHOUSE) private readonly client: ClickHouseClient) {}

  async check(): Promise<void> {
    const result = await this.client.query({ query: 'SELECT 1 AS ok', format: 'JSONEachRow' });
    await result.json();
  }
}
