// Removes the run's temporary folder (chDB and PGlite data of every worker).
const { rmSync } = require('node:fs');

module.exports = async () => {
  if (process.env.BINDERY_TEST_ROOT) rmSync(process.env.BINDERY_TEST_ROOT, { recursive: true, force: true });
};
