// Runs once before the workers start: one temporary folder for this run, inherited by every worker; the
// folder where the dashboard's end-to-end tests save their screenshots (printed at the end of the run); and a
// fresh dist/ of the server code (swc, a second or two) for the tests that run apps as processes.
const { execFileSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  const root = join(__dirname, '../../..');
  execFileSync(process.execPath, [join(root, 'tools/build.mjs'), '--no-dashboard'], {
    cwd: root,
    stdio: 'ignore',
  });
  process.env.BINDERY_TEST_ROOT = mkdtempSync(join(tmpdir(), 'bindery-test-'));
  process.env.BINDERY_SCREENSHOTS ??= join(
    tmpdir(),
    `bindery-screenshots-${new Date().toISOString().replace(/[:.]/g, '-')}`,
  );
};
