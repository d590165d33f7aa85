import { Inject, Injectable } from '@nestjs/common';
import { type ClickHouseClient, type ClickHouseError } from '@clickhouse/client';
import { CLICKHOUSE_REPORTS, reportLanes } from '@bindery/clickhouse';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { DomainError, Unavailable } from '@bindery/contracts';
import { type BoundQuery } from './bound-query';
import { ProjectLanes } from './project-lanes';

/** ClickHouse's errors that a report limit raises, by code and name. */
const LIMIT_ERRORS = {
  TIMEOUT_EXCEEDED: 159,
  MEMORY_LIMIT_EXCEEDED: 241,
  TOO_MANY_ROWS_OR_BYTES: 396,
} as const;
type LimitError = keyof typeof LIMIT_ERRORS;

/** Which limit error this is, read by its fields: chDB throws the ClickHouseError of its own library copy. */
function limitError(error: unknown): LimitError | undefined {
  const e = error as Partial<ClickHouseError> | null;
  if (typeof e !== 'object' || e === null) return undefined;
  return (Object.keys(LIMIT_ERRORS) as LimitError[]).find(
    (name) => e.type === name || String(e.code) === String(LIMIT_ERRORS[name]),
  );
}

const MiB = 2 ** 20;

/**
 * Runs report queries within the report limits (docs/security.md, Limits): a time limit, a memory and a thread
 * limit per query, and a cap on the bytes a result may hand to Node. A query past a limit is a clear error.
 */
@Injectable()
export class QueryRunner {
  private readonly settings: Record<string, number>;
  private readonly lanes: ProjectLanes;

  constructor(
    @Inject(CLICKHOUSE_REPORTS) private readonly client: ClickHouseClient,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {
    const { maxMemoryBytes, maxThreads, maxResultBytes } = config.reports;
    this.settings = {
      max_execution_time: config.queryTimeoutSeconds,
      max_memory_usage: maxMemoryBytes,
      // GROUP BY and ORDER BY spill to disk at half the cap rather than fail at it (ClickHouse's advice).
      max_bytes_before_external_group_by: Math.floor(maxMemoryBytes / 2),
      max_bytes_before_external_sort: Math.floor(maxMemoryBytes / 2),
      max_threads: maxThreads,
      max_result_bytes: maxResultBytes,
      // Every table's partition key is a function of its sorting key (events: the month of the day the key
      // holds), so two rows FINAL would merge are always in one partition: FINAL merges each partition alone,
      // and reads a partition of one part as it is (a third of a 35-day count of actions here).
      do_not_merge_across_partitions_select_final: 1,
    };
    // A project may hold all lanes but one: another project's report always finds one.
    this.lanes = new ProjectLanes(Math.max(1, reportLanes(config) - 1));
  }

  /** The query's rows, of the type the query declares. */
  async rows<T>(q: BoundQuery<T>): Promise<T[]> {
    return this.limited(q, async () => {
      const result = await this.client.query({
        query: q.query,
        query_params: q.params,
        format: 'JSONEachRow',
        clickhouse_settings: { ...this.settings, output_format_json_quote_64bit_integers: 0 },
      });
      return result.json<T>();
    });
  }

  /**
   * The query's rows in ClickHouse's RowBinary format, for results too large to parse as JSON cheaply. A
   * server answers once the query is done (wait_end_of_query), so a failure is an error, not a cut stream.
   */
  async rowBinary<Row>(q: BoundQuery<Row>): Promise<Buffer> {
    return this.limited(q, async () => {
      const { stream } = await this.client.exec({
        query: `${q.query}\nFORMAT RowBinary`,
        query_params: q.params,
        clickhouse_settings: { ...this.settings, wait_end_of_query: 1 },
      });
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
  }

  /**
   * Runs a query in its project's share of the engine's lanes, a limit it ran into turned into an error that
   * says which and what to do.
   */
  private async limited<Row, T>(q: BoundQuery<Row>, run: () => Promise<T>): Promise<T> {
    const projectId = typeof q.params.projectId === 'string' ? q.params.projectId : '';
    try {
      return await this.lanes.run(projectId, run);
    } catch (error) {
      throw this.explained(error) ?? error;
    }
  }

  private explained(error: unknown): DomainError | undefined {
    const { maxMemoryBytes, maxResultBytes } = this.config.reports;
    const kind = limitError(error);
    const message = (error as Error | null)?.message ?? '';
    if (kind === 'TIMEOUT_EXCEEDED') {
      return new DomainError(
        'query_timeout',
        `the report took longer than ${this.config.queryTimeoutSeconds} s: narrow the range or the filters`,
      );
    }
    // The query's own cap, not the engine's total: the report is too large, and trying again will not help.
    if (kind === 'MEMORY_LIMIT_EXCEEDED' && /query memory limit|memory limit \(for query\)/i.test(message)) {
      return new DomainError(
        'report_too_large',
        `the report needs more than the ${Math.round(maxMemoryBytes / MiB)} MiB of memory a report may use ` +
          '(REPORT_MAX_MEMORY_BYTES): narrow the range, the filters or the breakdown, or use fewer steps',
        { limit: 'REPORT_MAX_MEMORY_BYTES', bytes: maxMemoryBytes },
      );
    }
    if (kind === 'MEMORY_LIMIT_EXCEEDED') {
      return Unavailable('the server is short of memory for reports right now: try again shortly', 5);
    }
    if (kind === 'TOO_MANY_ROWS_OR_BYTES') {
      return new DomainError(
        'report_too_large',
        `the report's result is larger than the ${Math.round(maxResultBytes / MiB)} MiB a report may return ` +
          '(REPORT_MAX_RESULT_BYTES): narrow the range, the filters or the breakdown',
        { limit: 'REPORT_MAX_RESULT_BYTES', bytes: maxResultBytes },
      );
    }
    return undefined;
  }
}
