// Removes the run's temporary folder (chDB and PGlite data of every worker), and says where the dashboard's
// screenshots are, when the run took any.
const { existsSync, readdirSync, rmSync } = require('node:fs');

module.exports = async () => {
  if (process.env.BINDERY_TEST_ROOT) rmSync(process.env.BINDERY_TEST_ROOT, { recursive: true, force: true });
  const shots = process.env.BINDERY_SCREENSHOTS;
  if (shots && existsSync(shots) && readdirSync(shots).length > 0) {
    process.stdout.write(`\nDashboard screenshots of this run: ${shots}\n`);
  }
};
