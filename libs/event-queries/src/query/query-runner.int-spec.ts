import { type ClickHouseClient } from '@clickhouse/client';
import { createClickHouseClient } from '@bindery/clickhouse';
import { loadConfig } from '@bindery/config';
import { DomainError } from '@bindery/contracts';
import { workerDataDir } from '@bindery/testing';
import { QueryRunner } from './query-runner';

describe('QueryRunner on chDB', () => {
  const config = loadConfig({ DATA_DIR: workerDataDir(), QUERY_TIMEOUT_SECONDS: '1' }, { port: 0 });
  let client: ClickHouseClient;
  let runner: QueryRunner;

  beforeAll(() => {
    client = createClickHouseClient(config);
    runner = new QueryRunner(client, config);
  });
  afterAll(() => client.close());

  it('returns rows with 64-bit integers as numbers and binds parameters', async () => {
    const rows = await runner.rows<{ n: number; s: string }>({
      query: 'SELECT toUInt64(number) AS n, {s:String} AS s FROM numbers(2)',
      params: { s: "it's" },
    });

    expect(rows).toEqual([
      { n: 0, s: "it's" },
      { n: 1, s: "it's" },
    ]);
  });

  it('stops a query that outruns QUERY_TIMEOUT_SECONDS with query_timeout', async () => {
    const started = Date.now();
    const error = await runner
      .rows({ query: 'SELECT sleepEachRow(0.25) FROM numbers(40) SETTINGS max_block_size = 1', params: {} })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('query_timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('lets any other ClickHouse error through as it is', async () => {
    await expect(runner.rows({ query: 'SELECT no_such_column', params: {} })).rejects.toThrow(
      /no_such_column/,
    );
  });
});
