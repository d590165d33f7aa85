// Builds @bindery/sdk into dist/libs/sdk: ESM and CJS for Node and for bundlers (node and browser flavours), the
// browser bundle for a <script> tag (global `Bindery`), the optional surveys module (`@bindery/sdk/surveys`, and
// for a <script> tag global `BinderySurveys`), and type declarations. Prints each browser bundle's size minified
// and gzipped, and fails past its budget: 8 KB for the core, 12 KB for the surveys module.
//   node libs/sdk/build.mjs                          the whole package
//   node libs/sdk/build.mjs --browser-only --outdir DIR   only the browser bundles (the tests use them)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BROWSER_BUNDLE_LIMIT = 8 * 1024;
export const SURVEYS_BUNDLE_LIMIT = 12 * 1024;

const lib = dirname(fileURLToPath(import.meta.url));
const repo = resolve(lib, '../..');
const args = process.argv.slice(2);
const browserOnly = args.includes('--browser-only');
const outdirArg = args.indexOf('--outdir');
const outdir = outdirArg >= 0 ? resolve(args[outdirArg + 1]) : join(repo, 'dist/libs/sdk');
const src = (name) => join(lib, 'src', name);

rmSync(outdir, { recursive: true, force: true });

const common = { bundle: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

const browserBundle = (entry, file, globalName) =>
  build({
    ...common,
    entryPoints: [src(entry)],
    outfile: join(outdir, 'browser', file),
    platform: 'browser',
    format: 'iife',
    globalName,
    minify: true,
    sourcemap: !browserOnly,
    metafile: true,
  });
const bundles = [
  {
    name: 'browser bundle',
    limit: BROWSER_BUNDLE_LIMIT,
    result: await browserBundle('browser.ts', 'bindery.min.js', 'Bindery'),
  },
  {
    name: 'surveys module',
    limit: SURVEYS_BUNDLE_LIMIT,
    result: await browserBundle('surveys.ts', 'bindery-surveys.min.js', 'BinderySurveys'),
  },
];

if (!browserOnly) {
  for (const flavour of ['node', 'browser', 'surveys']) {
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
  for (const flavour of ['node', 'browser', 'surveys']) {
    writeFileSync(join(outdir, 'types', `${flavour}.d.mts`), `export * from './${flavour}.js';\n`);
  }
  const pkg = JSON.parse(readFileSync(join(lib, 'package.json'), 'utf8'));
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  copyFileSync(join(lib, 'README.md'), join(outdir, 'README.md'));
}

mkdirSync(outdir, { recursive: true });
const kb = (n) => `${(n / 1024).toFixed(2)} KB`;
let over = false;
for (const { name, limit, result } of bundles) {
  const file = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
  const code = readFileSync(resolve(repo, file));
  const gzipped = gzipSync(code, { level: 9 }).length;
  console.log(
    `@bindery/sdk ${name}: ${kb(code.length)} minified, ${kb(gzipped)} (${gzipped} bytes) minified + gzip, ` +
      `budget ${kb(limit)}`,
  );
  if (gzipped > limit) {
    console.error(`@bindery/sdk: the ${name} is over its ${kb(limit)} budget`);
    over = true;
  }
}
if (over) process.exit(1);
