import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { type DashboardE2E, startDashboardE2E } from './harness';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's WCAG 2.1 A and AA checks of the page as it is, the serious and critical findings only. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the devtools protocol: the page's CSP (no inline scripts) stays as it is.
  await page.evaluate(AXE);
  const violations = (await page.evaluate(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)",
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every page of the dashboard through axe-core, with data loaded: no serious or critical violation. */
describe('dashboard: accessibility', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('a11y');
  }, 300_000);
  afterAll(() => e2e?.close());

  it('has no serious violation on the sign-in page or on any page of the menu', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.app.url);
    await page.getByRole('heading', { name: 'Sign in to Bindery' }).waitFor();
    const found: Record<string, string[]> = { 'sign-in': await seriousViolations(page) };

    await e2e.signIn(page);
    const nav = page.getByRole('navigation').first();
    const paths = await nav
      .getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const extra = [
      `/funnels?${new URLSearchParams({
        f: JSON.stringify({
          s: [{ e: 'Signed Up' }, { e: 'Project Created' }],
          o: 'ordered',
          w: 604800,
          a: 'user',
        }),
      })}`,
      '/accounts/acct-001',
    ];
    for (const path of [...new Set(paths.filter((p) => p.startsWith('/')))].concat(extra)) {
      await page.goto(`${e2e.app.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Let the page's data arrive: no skeleton left.
      const deadline = Date.now() + 20_000;
      while ((await page.locator('[aria-busy="true"]').count()) > 0 && Date.now() < deadline) {
        await page.waitForTimeout(100);
      }
      found[path] = await seriousViolations(page);
    }
    expect(Object.keys(found).length).toBeGreaterThan(10);
    expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);
  }, 300_000);
});
