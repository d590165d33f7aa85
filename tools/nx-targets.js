// An Nx plugin (registered in nx.json) that gives every project with a project.json the same targets, so
// that `nx affected -t lint test build` runs only what a change reaches and Nx caches the results:
// - build: its code compiled by swc into dist/<project root> (the dashboard: bundled by Vite);
// - test: its unit specs (jest's unit project); test-integration: its specs against real stores;
// - lint: ESLint over its folder.
// Caching, inputs and the order between projects are in nx.json's targetDefaults.
const { dirname } = require('node:path');

const JEST = 'node --experimental-vm-modules node_modules/jest/bin/jest.js';
const NOT_BUILT = '**/*.spec.ts,**/*.spec.tsx,**/*.int-spec.ts,**/*.spec-helper.ts';

/** The targets of the project at `root`. */
function targetsOf(root) {
  const run = (command) => ({ executor: 'nx:run-commands', options: { command } });
  return {
    build:
      root === 'apps/dashboard'
        ? run('vite build --config apps/dashboard/vite.config.mjs --logLevel warn')
        : run(`swc ${root} -d dist --config-file .swcrc --ignore '${NOT_BUILT}' --quiet`),
    test: run(`${JEST} --selectProjects unit --passWithNoTests -- ${root}/`),
    'test-integration': run(`${JEST} --selectProjects integration --passWithNoTests -- ${root}/`),
    lint: run(`eslint ${root} --max-warnings=0`),
  };
}

module.exports = {
  name: 'bindery-targets',
  createNodes: [
    '{apps,libs}/*/project.json',
    (files) =>
      files.map((file) => [file, { projects: { [dirname(file)]: { targets: targetsOf(dirname(file)) } } }]),
  ],
};
