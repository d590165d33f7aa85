import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makePrivateDir } from './data-dir';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('makePrivateDir', () => {
  it('creates DATA_DIR and a folder in it readable by this user only', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'bindery-dir-')), 'data');
    makePrivateDir(dataDir, join(dataDir, 'pglite'));

    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'pglite'))).toBe(0o700);
  });

  it('narrows a DATA_DIR made before, open to all, to 0700', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bindery-dir-'));
    mkdirSync(join(dataDir, 'clickhouse'), { mode: 0o755 });
    const before = process.umask(0);
    try {
      mkdirSync(join(dataDir, 'open'), { mode: 0o777 });
    } finally {
      process.umask(before);
    }
    makePrivateDir(join(dataDir, 'open'));
    makePrivateDir(dataDir, join(dataDir, 'clickhouse'));

    expect(mode(join(dataDir, 'open'))).toBe(0o700);
    expect(mode(join(dataDir, 'clickhouse'))).toBe(0o700);
    expect(mode(dataDir)).toBe(0o700);
  });
});
