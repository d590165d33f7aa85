/**
 * Two jest projects for the monorepo, run together by `npm run test:jest`:
 * - unit: the specs beside the code (`*.spec.ts`, `*.spec.tsx`), on nothing but Node or jsdom; no build step,
 *   so one runs alone in seconds (`npm run test:unit -- <path>`);
 * - integration: the specs against real stores and processes (`*.int-spec.ts`); their global setup compiles
 *   dist/ first for the tests that run apps as processes, and gives the run one temporary folder.
 * Pick one with `--selectProjects unit` or `--selectProjects integration`.
 */
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
swcrc.jsc.baseUrl = __dirname;
delete swcrc.$schema;

/** What both projects share: where specs live and how TypeScript and stylesheets are loaded. */
const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // The dashboard's components (their specs pick the jsdom environment in a docblock).
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
          // A component may import a value of a library (a shared constant), as its .ts modules do.
          baseUrl: __dirname,
          paths: swcrc.jsc.paths,
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    // @fastify/static (behind the /docs page) nests content-disposition 3, which is ESM only and cannot be
    // required by jest on Node 20; version 2 has the same `create` function as CommonJS.
    '^content-disposition$': '<rootDir>/node_modules/content-disposition',
    // The dashboard's pages import their stylesheets, which Vite bundles; a spec needs none of it.
    '\\.css$': '<rootDir>/apps/dashboard/src/testing/style-stub.js',
  },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
      // The globals jsdom lacks, for the dashboard's component specs (a no-op in the node environment).
      setupFiles: ['<rootDir>/apps/dashboard/src/testing/jsdom-globals.js'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
    },
  ],
  maxWorkers: 2,
  // A fresh worker process for every test file (any worker is over this limit after a file): the embedded
  // ClickHouse lives in the process, and a file's mutations and merges must not queue behind the rows and
  // mutations of every file the worker ran before it (libs/testing/src/stores.ts gives each process its own
  // data folder).
  workerIdleMemoryLimit: '1KB',
  testTimeout: 60_000,
};
