import { type ClickHouseClient } from '@clickhouse/client';
import { createReportsClient } from '@bindery/clickhouse';
import { loadConfig } from '@bindery/config';
import { DomainError } from '@bindery/contracts';
import { workerDataDir } from '@bindery/testing';
import { QueryRunner } from './query-runner';
import { RowBinaryReader } from './row-binary';

describe('QueryRunner on chDB', () => {
  const config = loadConfig(
    {
      DATA_DIR: workerDataDir(),
      QUERY_TIMEOUT_SECONDS: '1',
      REPORT_MAX_MEMORY_BYTES: String(64 * 2 ** 20),
      REPORT_MAX_RESULT_BYTES: String(2 ** 20),
      REPORT_MAX_THREADS: '1',
    },
    { port: 0 },
  );
  let client: ClickHouseClient;
  let runner: QueryRunner;

  beforeAll(() => {
    client = createReportsClient(config);
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

  // Before the timeouts: chDB 3.4 hands the rows a timed-out query had already written to the next query of
  // the session, ahead of its own.
  it('reads RowBinary rows: strings, nullable strings and arrays of numbers, empty or long', async () => {
    const bytes = await runner.rowBinary({
      query: `SELECT CAST(if(number = 0, NULL, {s:String}) AS Nullable(String)) AS value,
        arrayMap(i -> concat('u', toString(i)), range(number * 2)) AS names,
        CAST(range(number * 100) AS Array(UInt32)) AS small,
        arrayMap(i -> toFloat64(i) * 1000003.5 - 7, range(number * 70)) AS large
      FROM numbers(3) ORDER BY number`,
      params: { s: 'é€😀 it’s' },
    });
    const reader = new RowBinaryReader(bytes);
    const rows = [];
    while (!reader.done) {
      rows.push({
        value: reader.nullableString(),
        names: reader.strings(),
        small: Array.from(reader.uint32s()),
        large: Array.from(reader.float64s()),
      });
    }

    expect(rows).toEqual(
      [0, 1, 2].map((n) => ({
        value: n === 0 ? null : 'é€😀 it’s',
        names: Array.from({ length: n * 2 }, (_, i) => `u${i}`),
        small: Array.from({ length: n * 100 }, (_, i) => i),
        large: Array.from({ length: n * 70 }, (_, i) => i * 1000003.5 - 7),
      })),
    );
    const cut = new RowBinaryReader(bytes.subarray(0, bytes.length - 3));
    expect(() => {
      while (!cut.done) {
        cut.nullableString();
        cut.strings();
        cut.uint32s();
        cut.float64s();
      }
    }).toThrow(/ends inside an array/);
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

  it('stops a RowBinary query that outruns QUERY_TIMEOUT_SECONDS with query_timeout', async () => {
    const error = await runner
      .rowBinary({
        query: 'SELECT sleepEachRow(0.25) FROM numbers(40) SETTINGS max_block_size = 1',
        params: {},
      })
      .catch((e: unknown) => e);

    expect((error as DomainError).code).toBe('query_timeout');
  });

  it('refuses a report that needs more memory than REPORT_MAX_MEMORY_BYTES with report_too_large', async () => {
    const error = await runner
      .rows({ query: 'SELECT uniqExact(toString(number)) FROM numbers(10000000)', params: {} })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      code: 'report_too_large',
      details: { limit: 'REPORT_MAX_MEMORY_BYTES', bytes: 64 * 2 ** 20 },
    });
    expect((error as DomainError).message).toMatch(/64 MiB/);
  });

  it('refuses a result larger than REPORT_MAX_RESULT_BYTES with report_too_large', async () => {
    const error = await runner
      .rowBinary({ query: 'SELECT number FROM numbers(1000000)', params: {} })
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'report_too_large', details: { limit: 'REPORT_MAX_RESULT_BYTES' } });
  });

  it('runs each query with the thread cap and memory cap, at no priority', async () => {
    const [settings] = await runner.rows<{ threads: string; priority: string; memory: string }>({
      query: `SELECT toString(getSetting('max_threads')) AS threads, toString(getSetting('priority')) AS priority,
        toString(getSetting('max_memory_usage')) AS memory`,
      params: {},
    });

    expect(settings).toEqual({ threads: '1', priority: '0', memory: String(64 * 2 ** 20) });
  });

  it('lets any other ClickHouse error through as it is', async () => {
    await expect(runner.rows({ query: 'SELECT no_such_column', params: {} })).rejects.toThrow(
      /no_such_column/,
    );
  });
});
