// Compiles apps/ and libs/ with swc into dist/, rewriting @bindery/* aliases to relative paths.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
execFileSync(
  'npx',
  [
    'swc',
    'apps',
    'libs',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts,**/*.spec-helper.ts',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
