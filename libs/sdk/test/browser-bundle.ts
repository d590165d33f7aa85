import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BrowserBundle {
  code: string;
  gzipBytes: number;
  /** What the build printed. */
  output: string;
}

/** Builds the browser bundle with the package's own build script (which fails past its size budget). */
export function buildBrowserBundle(): BrowserBundle {
  const outdir = mkdtempSync(join(tmpdir(), 'bindery-sdk-'));
  try {
    const output = execFileSync(
      process.execPath,
      [resolve(__dirname, '../build.mjs'), '--browser-only', '--outdir', outdir],
      { encoding: 'utf8' },
    );
    const code = readFileSync(join(outdir, 'browser/bindery.min.js'), 'utf8');
    return { code, gzipBytes: gzipSync(code, { level: 9 }).length, output };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
