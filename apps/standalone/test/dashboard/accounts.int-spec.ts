import type {
  ActivityResult,
  AccountDetail,
  AccountList,
  AccountSummary,
  ResolvedProjectSettings,
  SignalList,
  TaskList,
} from '@bindery/contracts';
import { until } from '@bindery/testing';
import type { Locator, Page } from 'playwright-core';
import { type DashboardE2E, startDashboardE2E } from './harness';

/** The overview, the accounts list and an account's page in Chromium, checked against what the API says. */
describe('dashboard: overview and accounts', () => {
  let e2e: DashboardE2E;
  let accounts: AccountSummary[];
  /** The project's at-risk line (its atRiskBelow setting), which the pages and the rules share. */
  let atRiskBelow: number;

  /** A GET or POST of the project API with the secret key, as the test's source of truth. */
  const int = (n: number) => n.toLocaleString('en');
  const csmOf = (a: AccountSummary) => (typeof a.traits.csm_email === 'string' ? a.traits.csm_email : null);
  const nameOf = (a: { id: string; traits: Record<string, unknown> }) =>
    typeof a.traits.name === 'string' && a.traits.name ? a.traits.name : a.id;
  /** The body rows (the second row group, after the header) of the one table in `scope`. */
  const bodyRows = (scope: Page | Locator) =>
    scope.getByRole('table').getByRole('rowgroup').nth(1).getByRole('row');

  beforeAll(async () => {
    e2e = await startDashboardE2E('accounts');
    accounts = (await e2e.api<AccountList>('accounts?limit=500')).accounts;
    atRiskBelow = (await e2e.api<ResolvedProjectSettings>('settings')).atRiskBelow;
  }, 240_000);
  afterAll(() => e2e?.close());

  it('shows the overview: active users and accounts, the DAU/WAU/MAU chart, accounts at risk', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    const today = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const { series } = await e2e.api<ActivityResult>('activity/query', {
      method: 'POST',
      body: { from: today.toISOString(), to: new Date(today.getTime() + 86_400_000).toISOString() },
    });

    const users = page.getByRole('region', { name: 'Active users', exact: true });
    const figures = users.getByRole('definition');
    await figures.first().waitFor();
    expect(await figures.allTextContents()).toEqual(
      [series[0]!.dau, series[0]!.wau, series[0]!.mau].map(int),
    );

    // The range ends today: the chart says its last day is counted so far.
    await page
      .getByRole('img', { name: `Active users by day; on ${series[0]!.day} (today, so far)`, exact: false })
      .waitFor();
    await page.getByText('The shaded last day is today, counted so far').waitFor();

    const eventFigures = page.getByRole('region', { name: 'Events', exact: true }).getByRole('definition');
    await eventFigures.first().filter({ hasNotText: '…' }).waitFor();
    expect((await eventFigures.allTextContents())[0]).toBe(int(series[0]!.events));

    const active = page.getByRole('region', { name: 'Active accounts' });
    await active.getByText(`of ${int(accounts.length)} accounts`).waitFor();
    const month = accounts.filter((a) => a.activeUsers30d > 0).length;
    expect((await active.getByRole('definition').allTextContents())[2]).toBe(int(month));

    const chart = page.getByRole('img', { name: /^Active users by day/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${int(series[0]!.dau)} daily`);
    await chart.getByText('MAU', { exact: true }).first().waitFor();

    const atRisk = accounts
      .filter((a) => a.health && a.health.score < atRiskBelow)
      .sort((a, b) => a.health!.score - b.health!.score);
    const riskRegion = page.getByRole('region', { name: 'At risk' });
    if (atRisk.length > 0) {
      await riskRegion.getByRole('link', { name: `See all ${atRisk.length} at risk` }).waitFor();
      const first = await riskRegion.getByRole('listitem').first().getByRole('link').textContent();
      expect(atRisk.filter((a) => a.health!.score === atRisk[0]!.health!.score).map(nameOf)).toContain(first);
    } else {
      await riskRegion.getByText(`No account scores below ${atRiskBelow}.`).waitFor();
    }
    await page
      .getByRole('region', { name: 'Newest tasks' })
      .getByRole('link', { name: 'Open the task inbox' })
      .waitFor();
    await e2e.shot(page, 'overview');
  });

  it('sorts the accounts by health, filters them by CSM and opens one', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Accounts', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    await page.getByText(`Showing ${int(accounts.length)} of ${int(accounts.length)} accounts`).waitFor();
    expect(await bodyRows(page).count()).toBe(accounts.length);

    // Lowest health first: the second click on the header.
    const health = page.getByRole('button', { name: 'Health' });
    const healthOrder = () => page.getByRole('columnheader', { name: 'Health' }).getAttribute('aria-sort');
    await health.click();
    await until('the first sort', healthOrder, (order) => order === 'descending');
    // The order lives in the URL: the table follows the navigation a moment after the click.
    await health.click();
    await until('the second sort', healthOrder, (order) => order === 'ascending');
    const scores = accounts.flatMap((a) => (a.health ? [a.health.score] : []));
    const firstScore = await bodyRows(page).first().getByRole('cell').nth(1).textContent();
    expect(firstScore).toBe(String(Math.min(...scores)));

    // The CSM with the most accounts: as many rows as the API has accounts for them.
    const perCsm = new Map<string, number>();
    for (const csm of accounts.map(csmOf)) if (csm) perCsm.set(csm, (perCsm.get(csm) ?? 0) + 1);
    const [csm, count] = [...perCsm].sort((a, b) => b[1] - a[1])[0]!;
    await page.getByLabel('CSM').selectOption(csm);
    await page.getByText(`Showing ${int(count)} of ${int(accounts.length)} accounts`).waitFor();
    expect(page.url()).toContain(`csm=${encodeURIComponent(csm)}`);
    expect(await bodyRows(page).count()).toBe(count);
    const csmCells = await bodyRows(page).getByTitle(csm).allTextContents();
    expect(csmCells).toEqual(Array(count).fill(csm));
    await e2e.shot(page, 'list');

    // The first row is this CSM's account with the lowest health.
    const mine = accounts
      .filter((a) => csmOf(a) === csm)
      .sort((a, b) => (a.health?.score ?? 101) - (b.health?.score ?? 101));
    const link = bodyRows(page).first().getByRole('link');
    const name = await link.textContent();
    expect(mine.filter((a) => a.health?.score === mine[0]!.health?.score).map(nameOf)).toContain(name);
    await link.click();
    await page.getByRole('heading', { name: name!, exact: true }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await expectAccountPage(page, id);
    await e2e.shot(page, 'account');

    // Back to the list: the filter is still applied.
    await page.goBack();
    await page.getByText(`Showing ${int(count)} of ${int(accounts.length)} accounts`).waitFor();
  }, 120_000);

  it('shows the overview, the list and an account at 390 px', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await page.getByRole('img', { name: /^Active users by day/ }).waitFor();
    await e2e.shot(page, 'overview-phone');

    await page.goto(`${e2e.app.url}/accounts?risk=1`);
    await page.getByLabel(/At risk/).waitFor();
    expect(await page.getByLabel(/At risk/).isChecked()).toBe(true);
    const atRisk = accounts.filter((a) => a.health && a.health.score < atRiskBelow).length;
    await page.getByText(`Showing ${int(atRisk)} of ${int(accounts.length)} accounts`).waitFor();
    await e2e.shot(page, 'list-phone');

    const account = [...accounts].sort((a, b) => (a.health?.score ?? 101) - (b.health?.score ?? 101))[0]!;
    await page.goto(`${e2e.app.url}/accounts/${encodeURIComponent(account.id)}`);
    await page.getByRole('heading', { name: nameOf(account), exact: true }).waitFor();
    await expectAccountPage(page, account.id);
    // Nothing wider than the phone but the tables, which scroll inside their box.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await e2e.shot(page, 'account-phone');
  }, 120_000);

  it('says so when an account does not exist', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.goto(`${e2e.app.url}/accounts/no-such-account`);
    await page.getByRole('heading', { name: 'Account not found' }).waitFor();
    await page.getByText('no-such-account').waitFor();
    await e2e.shot(page, 'not-found');
  });

  /** The account's page shows its health components, its users and its tasks as the API has them. */
  async function expectAccountPage(page: Page, id: string) {
    const detail = await e2e.api<AccountDetail>(`accounts/${encodeURIComponent(id)}`);
    const tasks = await e2e.api<TaskList>(
      `tasks?accountId=${encodeURIComponent(id)}&status=open,in_progress,snoozed,done,dismissed&limit=100`,
    );

    const health = page.getByRole('region', { name: 'Health', exact: true });
    if (detail.health) {
      for (const [component, value] of [
        ['Recency', detail.health.components.recency],
        ['Active share', detail.health.components.activeShare],
        ['Trend', detail.health.components.trend],
      ] as const) {
        expect(await health.getByRole('meter', { name: component }).getAttribute('aria-valuenow')).toBe(
          String(value),
        );
      }
    } else {
      await health.getByText(/Not scored yet/).waitFor();
    }

    const users = page.getByRole('region', { name: 'Users', exact: true });
    if (detail.members.length > 0) {
      await users.getByRole('table').waitFor();
      expect(await bodyRows(users).count()).toBe(detail.members.length);
      // People by their names (the demo names them), each a link to their page, the address beneath (the
      // demo gives some people of an account one name).
      const [member] = detail.members;
      expect([member?.name, member?.email]).toEqual([expect.any(String), expect.any(String)]);
      const row = bodyRows(users).filter({ hasText: member!.email! });
      const link = row.getByRole('link', { name: member!.name!, exact: true });
      expect(await link.getAttribute('href')).toBe(`/people/${encodeURIComponent(member!.id)}`);
    } else {
      await users.getByText(/No user has acted/).waitFor();
    }

    // Signals about its users name them (the demo's low scorers have users gone quiet), by their address when
    // two people of the account share a name (the demo has some).
    const { signals } = await e2e.api<SignalList>(`signals?accountId=${encodeURIComponent(id)}&limit=20`);
    const shared = (name: string) => detail.members.filter((m) => m.name === name).length > 1;
    const names = new Map(
      detail.members.flatMap((m) => (m.name ? [[m.id, shared(m.name) ? m.email! : m.name] as const] : [])),
    );
    const about = signals.filter((s) => s.userId && names.has(s.userId));
    expect(about.length).toBeGreaterThan(0);
    const signalRegion = page.getByRole('region', { name: 'Signals', exact: true });
    await signalRegion.getByRole('table').waitFor();
    for (const userId of new Set(about.map((s) => s.userId!))) {
      const links = signalRegion.locator(`a[href="/people/${encodeURIComponent(userId)}"]`);
      expect(new Set(await links.allTextContents())).toEqual(new Set([names.get(userId)]));
    }

    const taskRegion = page.getByRole('region', { name: 'Tasks' });
    if (tasks.tasks.length > 0) {
      await taskRegion.getByRole('table').waitFor();
      expect(await bodyRows(taskRegion).count()).toBe(tasks.tasks.length);
      await taskRegion.getByText(tasks.tasks[0]!.title).waitFor();
    } else {
      await taskRegion.getByText('No task for this account yet.').waitFor();
    }
    await page
      .getByRole('img', { name: /^Daily actions and active users/ })
      .or(page.getByText(/No actions in the last 30 days/))
      .waitFor();
  }
});
