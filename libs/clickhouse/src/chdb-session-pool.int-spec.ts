import { type ClickHouseClient, createClient } from '@clickhouse/client';
import { loadConfig } from '@bindery/config';
import { workerDataDir } from '@bindery/testing';
import { ChdbSessionPool, withInlineParams } from './chdb-session-pool';
import { createClickHouseClient, createReportsClient } from './clickhouse.client';

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

const rowsOf = async (client: ClickHouseClient, query: string, query_params: Record<string, unknown>) =>
  (await client.query({ query, query_params, format: 'JSONEachRow' })).json<Record<string, unknown>>();

/** How long `run` takes, in milliseconds. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = Date.now();
  await run();
  return Date.now() - started;
}

/** A query with a parameter that takes about `seconds` (sleepEachRow sleeps at most 3 s per block). */
const slow = (seconds: number) => ({
  query: `SELECT {tag:String} AS tag, sum(sleepEachRow(0.25)) AS s FROM numbers(${seconds * 4}) SETTINGS max_block_size = 1`,
  query_params: { tag: 'slow' },
  format: 'JSONEachRow' as const,
});

describe('ChdbSessionPool: report queries on sessions of their own', () => {
  const config = loadConfig({ DATA_DIR: workerDataDir() }, { port: 0 });
  let main: ClickHouseClient;
  let reports: ClickHouseClient;

  beforeAll(() => {
    main = createClickHouseClient(config);
    reports = createReportsClient(config);
  });
  afterAll(async () => {
    await reports.close();
    await main.close();
  });

  it('binds every parameter as chDB’s own binding does, whatever its characters', async () => {
    const strings = [
      "it's",
      'back\\slash',
      'ends with a backslash\\',
      "'; SELECT 1; --",
      'tab\tand\nnewline\rreturn',
      '\\N',
      'é€😀',
      '{x:String}',
      "\\'",
      '',
      'nul\0byte',
    ];
    const query = `SELECT {s:String} AS s, {list:Array(String)} AS list, {n:Int64} AS n, {f:Float64} AS f,
      {id:UUID} AS id, {none:Nullable(String)} AS none`;
    for (const s of strings) {
      const params = {
        s,
        list: [s, 'b', ''],
        n: -9_007_199_254_740_991,
        f: 0.1,
        id: '0190a1b2-0000-7000-8000-000000000001',
        none: null,
      };

      const [row] = await rowsOf(reports, query, params);
      expect(row).toEqual((await rowsOf(main, query, params))[0]);
      expect(row).toMatchObject({ s, list: [s, 'b', ''], none: null });
    }
  });

  it('binds a list far longer than the default max_query_size (the users of a rule)', async () => {
    const users = Array.from({ length: 30_000 }, (_, i) => `user-with-a-long-id-${i}`);

    const [row] = await rowsOf(reports, 'SELECT length({users:Array(String)}) AS n', { users });

    expect(row).toEqual({ n: 30_000 });
  });

  it('runs a short parameterized query beside a long one, not after it', async () => {
    const long = reports.query(slow(3));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const short = await timed(() => rowsOf(reports, 'SELECT {x:UInt8} AS x', { x: 1 }));
    expect(short).toBeLessThan(1_500);
    await long;
  });

  it('runs at most `size` queries at once; the next waits for a session', async () => {
    const pool = new ChdbSessionPool(`${config.dataDir}/clickhouse`, 1);
    const one = createClient({ connection: pool as unknown as ClientConnection });
    try {
      const first = one.query(slow(1));
      const second = await timed(() => rowsOf(one, 'SELECT {x:UInt8} AS x', { x: 1 }));
      await first;

      expect(second).toBeGreaterThanOrEqual(900);
    } finally {
      await one.close();
    }
  });

  it('never hands a session that failed to the next query: no rows of a timed-out query reappear', async () => {
    const pool = new ChdbSessionPool(`${config.dataDir}/clickhouse`, 1);
    const one = createClient({ connection: pool as unknown as ClientConnection });
    try {
      await expect(
        one.query({
          query: `SELECT number FROM numbers(40) WHERE sleepEachRow(0.1) = 0
            SETTINGS max_block_size = 1, max_execution_time = 1`,
          format: 'TabSeparated',
        }),
      ).rejects.toThrow(/Timeout exceeded/);

      expect(await rowsOf(one, "SELECT 'next' AS n", {})).toEqual([{ n: 'next' }]);
    } finally {
      await one.close();
    }
  });

  it('refuses a parameter name that is not an identifier', () => {
    expect(() => withInlineParams({ query: 'SELECT 1', query_params: { 'x = 1; SELECT': 1 } })).toThrow(
      /Invalid query parameter name/,
    );
  });
});
