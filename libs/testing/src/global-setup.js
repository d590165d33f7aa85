// Runs once before the workers start: one temporary folder for this run, inherited by every worker.
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

module.exports = async () => {
  process.env.BINDERY_TEST_ROOT = mkdtempSync(join(tmpdir(), 'bindery-test-'));
};
