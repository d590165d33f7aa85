import { blamesTheData } from './event-writer';

/** An error as @clickhouse/client raises it for a server's answer: the code as a string of digits. */
const serverError = (code: string, message: string) => Object.assign(new Error(message), { code, type: 'X' });

describe('blamesTheData', () => {
  it.each([
    ['a lone surrogate (chDB)', 'Code: 25. DB::Exception: Cannot parse escape sequence: missing second part'],
    ['an unparseable time (chDB)', 'Code: 41. DB::Exception: Cannot parse DateTime64'],
    [
      'too many partitions in one insert',
      'Code: 252. DB::Exception: Too many partitions for single INSERT block (more than 100)',
    ],
    ['an error code it does not know', 'Code: 9999. DB::Exception: something new'],
  ])('blames the rows for %s', (_what, message) => {
    expect(blamesTheData(new Error(message))).toBe(true);
  });

  it("reads chDB's clickhouseCode", () => {
    const chdb = (clickhouseCode: number) =>
      Object.assign(new Error('Cannot parse input'), { code: 'CHDB_INSERT', clickhouseCode });

    expect(blamesTheData(chdb(27))).toBe(true);
    expect(blamesTheData(chdb(241))).toBe(false);
    expect(blamesTheData(Object.assign(new Error('session closed'), { code: 'CHDB_CLOSED' }))).toBe(false);
  });

  it('reads the code a server answered with', () => {
    expect(blamesTheData(serverError('27', 'Cannot parse input'))).toBe(true);
    expect(blamesTheData(serverError('241', 'Memory limit (total) exceeded'))).toBe(false);
  });

  it.each([
    ['memory', 'Code: 241. DB::Exception: Memory limit (total) exceeded'],
    [
      'too many parts (the engine is behind on merges)',
      'Code: 252. DB::Exception: Too many parts (3001). Merges are processing significantly slower than inserts',
    ],
    ['a timeout', 'Code: 159. DB::Exception: Timeout exceeded'],
    ['a missing table', 'Code: 60. DB::Exception: Table default.events does not exist'],
    ['a read-only replica', 'Code: 242. DB::Exception: Table is in readonly mode'],
  ])('does not blame the rows for %s', (_what, message) => {
    expect(blamesTheData(new Error(message))).toBe(false);
  });

  it('does not blame the rows for an error without an engine code', () => {
    expect(blamesTheData(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      false,
    );
    expect(blamesTheData(new Error('socket hang up'))).toBe(false);
    expect(blamesTheData('not an error')).toBe(false);
  });
});
