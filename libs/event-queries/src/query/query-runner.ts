import { Inject, Injectable } from '@nestjs/common';
import { type ClickHouseClient, type ClickHouseError } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { DomainError } from '@bindery/contracts';
import { type BoundQuery } from './bound-query';

/**
 * ClickHouse's TIMEOUT_EXCEEDED, raised when a query outruns max_execution_time. Read by its fields: chDB
 * throws the ClickHouseError class of its own copy of the client library.
 */
function isTimeout(error: unknown): boolean {
  const e = error as Partial<ClickHouseError> | null;
  return typeof e === 'object' && e !== null && (e.type === 'TIMEOUT_EXCEEDED' || String(e.code) === '159');
}

/** Runs report queries with a time limit; a query that outruns it is a clear error, not a hang. */
@Injectable()
export class QueryRunner {
  constructor(
    @Inject(CLICKHOUSE) private readonly client: ClickHouseClient,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  async rows<T>(q: BoundQuery): Promise<T[]> {
    return this.limited(async () => {
      const result = await this.client.query({
        query: q.query,
        query_params: q.params,
        format: 'JSONEachRow',
        clickhouse_settings: {
          max_execution_time: this.config.queryTimeoutSeconds,
          output_format_json_quote_64bit_integers: 0,
        },
      });
      return result.json<T>();
    });
  }

  /**
   * The query's rows in ClickHouse's RowBinary format, for results too large to parse as JSON cheaply. A
   * server answers once the query is done (wait_end_of_query), so a failure is an error, not a cut stream.
   */
  async rowBinary(q: BoundQuery): Promise<Buffer> {
    return this.limited(async () => {
      const { stream } = await this.client.exec({
        query: `${q.query}\nFORMAT RowBinary`,
        query_params: q.params,
        clickhouse_settings: { max_execution_time: this.config.queryTimeoutSeconds, wait_end_of_query: 1 },
      });
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  /** Runs a query, a timeout turned into a clear error. */
  private async limited<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isTimeout(error)) {
        throw new DomainError(
          'query_timeout',
          `the report took longer than ${this.config.queryTimeoutSeconds} s: narrow the range or the filters`,
        );
      }
      throw error;
    }
  }
}
