/** One jest run for the whole monorepo: unit specs beside the code, integration specs against real stores. */
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
swcrc.jsc.baseUrl = __dirname;
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }],
    // The dashboard's components (their specs pick the jsdom environment in a docblock).
    '^.+\\.tsx$': [
      '@swc/jest',
      {
        swcrc: false,
        jsc: {
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
  // The globals jsdom lacks, for the dashboard's component specs (a no-op in the node environment).
  setupFiles: ['<rootDir>/apps/dashboard/src/testing/jsdom-globals.js'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
  maxWorkers: 2,
  testTimeout: 60_000,
};
