// Compiles apps/ and libs/ with swc into dist/, rewriting @bindery/* aliases to relative paths, then builds
// the dashboard with Vite into dist/apps/dashboard. Each step says what it does and how long it took.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'vite';

const step = async (what, run) => {
  const started = Date.now();
  process.stdout.write(`bindery build: ${what}…\n`);
  await run();
  process.stdout.write(`bindery build: ${what}: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
};

// Clean what swc writes; the dashboard's folder is Vite's to empty, and `--no-dashboard` keeps the last one.
rmSync('dist/libs', { recursive: true, force: true });
for (const app of existsSync('dist/apps') ? readdirSync('dist/apps') : []) {
  if (app !== 'dashboard') rmSync(`dist/apps/${app}`, { recursive: true, force: true });
}
await step('compiling the server apps and libraries (swc)', () =>
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
      '**/*.spec.ts,**/*.int-spec.ts,**/*.spec-helper.ts,apps/dashboard/**',
      '--quiet',
    ],
    { stdio: 'inherit' },
  ),
);
if (!process.argv.includes('--no-dashboard')) {
  await step('building the dashboard (vite)', () =>
    build({ configFile: 'apps/dashboard/vite.config.mjs', logLevel: 'warn' }),
  );
}
