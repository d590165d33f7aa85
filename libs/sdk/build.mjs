// Builds @bindery/sdk into dist/libs/sdk: ESM and CJS for Node and for bundlers (node and browser flavours), the
// browser bundle for a <script> tag (global `Bindery`), and type declarations. Prints the browser bundle's size
// minified and gzipped, and fails past the 8 KB budget.
//   node libs/sdk/build.mjs                          the whole package
//   node libs/sdk/build.mjs --browser-only --outdir DIR   only the browser bundle (the tests use it)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BROWSER_BUNDLE_LIMIT = 8 * 1024;

const lib = dirname(fileURLToPath(import.meta.url));
const repo = resolve(lib, '../..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser-only');
const outdirArg = args.indexOf('--outdir');
const outdir = outdirArg >= 0 ? resolve(args[outdirArg + 1]) : join(repo, 'dist/libs/sdk');
const src = (name) => join(lib, 'src', name);

rmSync(outdir, { recursive: true, force: true });

const common = { bundle: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

const bundle = await build({
  ...common,
  entryPoints: [src('browser.ts')],
  outfile: join(outdir, 'browser/bindery.min.js'),
  platform: 'browser',
  format: 'iife',
  globalName: 'Bindery',
  minify: true,
  sourcemap: !browserOnly,
  metafile: true,
});

if (!browserOnly) {
  for (const flavour of ['node', 'browser']) {
    for (const [format, ext] of [
      ['esm', 'mjs'],
      ['cjs', 'cjs'],
    ]) {
      await build({
        ...common,
        entryPoints: [src(`${flavour}.ts`)],
        outfile: join(outdir, format, `${flavour}.${ext}`),
        platform: flavour === 'node' ? 'node' : 'neutral',
        format,
        sourcemap: true,
      });
    }
  }
  execFileSync(
    process.execPath,
    [
      join(repo, 'node_modules/typescript/bin/tsc'),
      '-p',
      join(lib, 'tsconfig.lib.json'),
      '--outDir',
      join(outdir, 'types'),
    ],
    {
      stdio: 'inherit',
    },
  );
  // ESM consumers (moduleResolution node16/bundler) read .d.mts beside .mjs; they re-export the one set of types.
  for (const flavour of ['node', 'browser']) {
    writeFileSync(join(outdir, 'types', `${flavour}.d.mts`), `export * from './${flavour}.js';\n`);
  }
  const pkg = JSON.parse(readFileSync(join(lib, 'package.json'), 'utf8'));
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  copyFileSync(join(lib, 'README.md'), join(outdir, 'README.md'));
}

const file = Object.keys(bundle.metafile.outputs).find((f) => f.endsWith('.js'));
const code = readFileSync(resolve(repo, file));
const gzipped = gzipSync(code, { level: 9 }).length;
mkdirSync(outdir, { recursive: true });
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
console.log(
  `@bindery/sdk browser bundle: ${kb(code.length)} minified, ${kb(gzipped)} (${gzipped} bytes) minified + gzip, ` +
    `budget ${kb(BROWSER_BUNDLE_LIMIT)}`,
);
if (gzipped > BROWSER_BUNDLE_LIMIT) {
  console.error(`@bindery/sdk: the browser bundle is over its ${kb(BROWSER_BUNDLE_LIMIT)} budget`);
  process.exit(1);
}
