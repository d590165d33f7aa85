import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What a project may import, by its tags: apps → feature → data/util → pure by kind; by scope, a library its
 * own scope and the shared one (so detection and outreach never import each other), an app the scopes it
 * composes. Feature and data code does not import the test harness (type:testing); specs and benches do.
 */
function moduleBoundaries({ testing }) {
  const harness = testing ? ['type:testing'] : [];
  const scoped = (kind, scope, scopes) => ({
    allSourceTags: [kind, `scope:${scope}`],
    onlyDependOnLibsWithTags: scopes.map((s) => `scope:${s}`),
  });
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      banTransitiveDependencies: false,
      depConstraints: [
        {
          sourceTag: 'type:app',
          onlyDependOnLibsWithTags: ['type:feature', 'type:data', 'type:util', 'type:pure', 'type:testing'],
        },
        {
          sourceTag: 'type:feature',
          onlyDependOnLibsWithTags: ['type:data', 'type:util', 'type:pure', ...harness],
        },
        {
          sourceTag: 'type:data',
          onlyDependOnLibsWithTags: ['type:data', 'type:util', 'type:pure', ...harness],
        },
        { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:data', 'type:util', 'type:pure'] },
        {
          sourceTag: 'type:pure',
          onlyDependOnLibsWithTags: ['type:pure'],
          bannedExternalImports: ['@nestjs/*'],
        },
        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        scoped('type:feature', 'api', ['shared', 'api']),
        scoped('type:feature', 'ingest', ['shared', 'ingest']),
        scoped('type:feature', 'detection', ['shared', 'detection']),
        scoped('type:feature', 'outreach', ['shared', 'outreach']),
        scoped('type:feature', 'voice', ['shared', 'voice']),
        scoped('type:pure', 'sdk', ['sdk']),
        scoped('type:pure', 'demo', ['demo', 'sdk']),
        scoped('type:app', 'api', ['shared', 'api', 'detection', 'outreach', 'voice']),
        scoped('type:app', 'ingest', ['shared', 'ingest', 'voice']),
        scoped('type:app', 'detection', ['shared', 'detection']),
        scoped('type:app', 'outreach', ['shared', 'outreach']),
        scoped('type:app', 'standalone', [
          'shared',
          'api',
          'ingest',
          'detection',
          'outreach',
          'voice',
          'demo',
        ]),
        scoped('type:app', 'ops', ['shared']),
        scoped('type:app', 'dashboard', ['shared']),
        scoped('type:app', 'demo', ['shared', 'demo', 'sdk']),
        scoped('type:app', 'sdk', ['shared', 'sdk', 'api', 'ingest']),
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.nx/**', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A promise where a plain value is expected (an `if`, a spread, a callback whose result is ignored)
      // always holds and its rejection goes unhandled.
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch over a union handles every member, or says what the others do in a `default`.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': moduleBoundaries({ testing: false }),
    },
  },
  // The build and config scripts, run by Node as ES modules.
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['apps/dashboard/src/**/*.tsx', 'apps/dashboard/src/**/*.ts'],

    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Specs (and their helpers) build their stores and data with the test harness.
  {
    files: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.int-spec.ts', '**/*.spec-helper.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true }) },
  },
  // So do the benchmarks.
  {
    files: ['**/bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testing: true }) },
  },
);
