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
  /** The optional surveys module's bundle (global `BinderySurveys`). */
  surveys: { code: string; gzipBytes: number };
}

/** Builds the browser bundles with the package's own build script (which fails past their size budgets). */
export function buildBrowserBundle(): BrowserBundle {
  const outdir = mkdtempSync(join(tmpdir(), 'bindery-sdk-'));
  try {
    const output = execFileSync(
      process.execPath,
      [resolve(__dirname, '../build.mjs'), '--browser-only', '--outdir', outdir],
      { encoding: 'utf8' },
    );
    const code = readFileSync(join(outdir, 'browser/bindery.min.js'), 'utf8');
    const surveys = readFileSync(join(outdir, 'browser/bindery-surveys.min.js'), 'utf8');
    return {
      code,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      output,
      surveys: { code: surveys, gzipBytes: gzipSync(surveys, { level: 9 }).length },
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
