import { Inject, Injectable } from '@nestjs/common';
import { type ClickHouseClient } from '@clickhouse/client';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { CLICKHOUSE } from './clickhouse.client';
import { RETAINED_TABLES, retentionStatement } from './event-retention';

/** Sets when ClickHouse deletes a project's stored events and the rows derived from them. */
@Injectable()
export class RetentionRedater {
  constructor(
    @Inject(CLICKHOUSE) private readonly clickhouse: ClickHouseClient,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  /**
   * Re-dates the project's rows for `retentionDays` (null: kept until deleted): one mutation per table, which
   * ClickHouse applies in the background (this does not wait for it). On one server, one per partition that
   * holds the project's rows, so that the other partitions' parts are not read; on a cluster, one per table
   * (the shards' partitions are not known here).
   */
  async redate(projectId: string, retentionDays: number | null): Promise<void> {
    const { cluster } = this.config.clickhouse;
    for (const table of RETAINED_TABLES) {
      const partitions = cluster ? [undefined] : await this.partitionsOf(projectId, table.table);
      for (const partition of partitions) {
        const statement = retentionStatement(projectId, retentionDays, table, cluster, partition);
        await this.clickhouse.command({ query: statement.query, query_params: statement.params });
      }
    }
  }

  /** The partitions of a table that hold rows of the project. */
  private async partitionsOf(projectId: string, table: string): Promise<string[]> {
    const result = await this.clickhouse.query({
      query: `SELECT DISTINCT _partition_id AS id FROM ${table} WHERE project_id = {projectId:UUID}`,
      query_params: { projectId },
      format: 'JSONEachRow',
    });
    return (await result.json<{ id: string }>()).map((r) => r.id);
  }
}
