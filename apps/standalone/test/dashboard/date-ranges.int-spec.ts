import type { Page, Request } from 'playwright-core';
import type {
  ActivityResult,
  FeatureQuery,
  FeatureResult,
  FunnelQuery,
  FunnelResult,
  ResolvedProjectSettings,
  RetentionQuery,
  RetentionResult,
} from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

const ZONE = 'America/New_York';
const ONBOARDING = ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'];
const DAY = 86_400_000;

/** The date in the zone at `ms`, as YYYY-MM-DD. */
const dateIn = (ms: number) =>
  new Date(ms).toLocaleDateString('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** The fill of a period's point whose figures can still change (components/chart-style). */
const HOLLOW = '#ffffff';
const int = (n: number) => n.toLocaleString('en', { maximumFractionDigits: 0 });

/**
 * The date range picker in Chromium: a custom range and the comparison with the period before, in the project's
 * time zone, kept through a reload, with the figures of the API for the same days; funnel conversion over time
 * and the retention curve.
 */
describe('dashboard: date ranges, comparison and trends', () => {
  let e2e: DashboardE2E;
  // Custom dates in the project's zone: from 20 days ago to 2 days ago, compared with the 19 days before.
  const today = dateIn(Date.now());
  const from = shift(today, -20);
  const to = shift(today, -2);

  beforeAll(async () => {
    e2e = await startDashboardE2E('date-ranges');
    const settings = await e2e.api<ResolvedProjectSettings>('settings');
    await e2e.api('settings', { method: 'PUT', body: { ...settings, timeZone: ZONE } });
    // The build and the demo's 60 days take minutes on a busy machine.
  }, 1_200_000);
  afterAll(() => e2e?.close());

  /** The next report request to `path` whose body passes `test`, and its body. */
  const nextReport = <T>(page: Page, path: string, test: (body: T) => boolean = () => true) =>
    page
      .waitForRequest(
        (r: Request) => r.url().endsWith(`/${path}`) && r.method() === 'POST' && test(r.postDataJSON() as T),
        { timeout: 60_000 },
      )
      .then((r) => r.postDataJSON() as T);

  const tile = (page: Page, label: string) =>
    page.locator('.tile').filter({ has: page.getByText(label, { exact: true }) });
  const tileValue = async (page: Page, label: string) =>
    (await tile(page, label).locator('.value').textContent())?.trim();

  /** The range's days are the zone's: `from` its first midnight, `to` the midnight after the last day. */
  const expectZoneDays = (body: { from: string; to: string }, first: string, last: string) => {
    expect(dateIn(Date.parse(body.from))).toBe(first);
    expect(dateIn(Date.parse(body.from) - 1)).toBe(shift(first, -1));
    expect(dateIn(Date.parse(body.to) - 1)).toBe(last);
    expect(dateIn(Date.parse(body.to))).toBe(shift(last, 1));
  };

  it('picks custom dates and the comparison on features, keeps them through a reload, with the API’s figures', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Features', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Features' }).waitFor();
    await page.getByLabel('Range').selectOption('custom');
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    // A click, not check(): the box follows the URL, which changes a moment after the click.
    await page.getByLabel('Compare to previous period').click();
    await page.getByRole('columnheader', { name: /Previous period/ }).waitFor();
    const url = new URL(page.url());
    expect([
      url.searchParams.get('from'),
      url.searchParams.get('to'),
      url.searchParams.get('compare'),
    ]).toEqual([from, to, '1']);

    const current = nextReport<FeatureQuery>(page, 'features/query', (b) => b.weekly === true);
    const previous = nextReport<FeatureQuery>(page, 'features/query', (b) => b.weekly === false);
    await page.reload();
    const [body, before] = await Promise.all([current, previous]);
    await page.getByRole('columnheader', { name: /Previous period/ }).waitFor();
    expect(await page.getByLabel('Range').inputValue()).toBe('custom');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(from);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(to);
    expect(await page.getByLabel('Compare to previous period').isChecked()).toBe(true);
    await page.getByText(`Days in ${ZONE}`).waitFor();
    await e2e.shot(page, 'features-compared');

    expectZoneDays(body, from, to);
    expectZoneDays(before, shift(from, -19), shift(from, -1));
    const [now, then] = await Promise.all([
      e2e.api<FeatureResult>('features/query', { method: 'POST', body }),
      e2e.api<FeatureResult>('features/query', { method: 'POST', body: before }),
    ]);
    expect(now.activeSubjects).toBeGreaterThan(0);
    expect(await tileValue(page, 'Active people')).toBe(int(now.activeSubjects));
    expect(await tile(page, 'Active people').locator('.change-note').textContent()).toContain(
      `vs ${int(then.activeSubjects)} before`,
    );
  }, 240_000);

  it('shows a funnel’s conversion over time and against the period before, as the API counts them', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    const f = JSON.stringify({ s: ONBOARDING.map((e) => ({ e })), o: 'ordered', w: 7 * 86_400, a: 'user' });
    const current = nextReport<FunnelQuery>(page, 'funnels/query', (b) => b.trend !== undefined);
    const previous = nextReport<FunnelQuery>(page, 'funnels/query', (b) => b.trend === undefined);
    await page.goto(
      `${e2e.app.url}/funnels?${new URLSearchParams({ f, from, to, compare: '1', trend: 'week' })}`,
    );
    const [body, before] = await Promise.all([current, previous]);
    await page.getByRole('heading', { name: 'Conversion over time' }).waitFor();
    expect(body.trend).toBe('week');
    expect(await page.getByRole('combobox', { name: /^By\b/ }).inputValue()).toBe('week');
    expectZoneDays(body, from, to);
    expectZoneDays(before, shift(from, -19), shift(from, -1));

    const [now, then] = await Promise.all([
      e2e.api<FunnelResult>('funnels/query', { method: 'POST', body }),
      e2e.api<FunnelResult>('funnels/query', { method: 'POST', body: before }),
    ]);
    const entered = now.steps[0]?.count ?? 0;
    expect(entered).toBeGreaterThan(0);
    expect(await tileValue(page, 'Entered the funnel')).toBe(int(entered));
    expect(await tile(page, 'Entered the funnel').locator('.change-note').textContent()).toContain(
      `vs ${int(then.steps[0]?.count ?? 0)} before`,
    );
    const trend = now.trend ?? [];
    expect(trend.reduce((sum, p) => sum + p.entered, 0)).toBe(entered);
    expect(trend[0]?.start).toBe(shift(from, -((new Date(`${from}T12:00:00Z`).getUTCDay() + 6) % 7)));
    // The range ends two days ago and the funnel's window is 7 days: the first week's entrants have all had
    // theirs (a filled point), the last week's have not (a hollow one: its share can still grow).
    expect([trend[0]?.complete, trend.at(-1)?.complete]).toEqual([true, false]);
    const chart = page.getByRole('img', { name: /^Conversion to/ });
    const points = (complete: boolean) =>
      trend.filter((p) => p.entered > 0 && p.complete === complete).length;
    expect(await chart.locator(`circle[fill="${HOLLOW}"]`).count()).toBe(points(false));
    expect(await chart.locator(`circle[stroke-dasharray]`).count()).toBe(points(false));
    expect(await chart.locator('circle').count()).toBe(points(true) + points(false));
    await e2e.shot(page, 'funnel-trend');

    // Daily, from the select: the URL follows, and a reload keeps it.
    const daily = nextReport<FunnelQuery>(page, 'funnels/query', (b) => b.trend === 'day');
    await page.getByRole('combobox', { name: /^By\b/ }).selectOption('day');
    expect((await daily).trend).toBe('day');
    expect(new URL(page.url()).searchParams.get('trend')).toBeNull();
  }, 240_000);

  it('compares the overview’s figures and shows the retention curve from week 0', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    const current = nextReport<{ from: string; to: string }>(
      page,
      'activity/query',
      (b) => b.from.startsWith(from.slice(0, 4)) && dateIn(Date.parse(b.from)) === from,
    );
    await page.goto(`${e2e.app.url}/?${new URLSearchParams({ from, to, compare: '1' })}`);
    const body = await current;
    await tile(page, 'Events in the range').locator('.change-note').waitFor();
    const activity = await e2e.api<ActivityResult>('activity/query', { method: 'POST', body });
    const events = activity.series.reduce((sum, d) => sum + d.events, 0);
    expect(events).toBeGreaterThan(0);
    expect(await tileValue(page, 'Events in the range')).toBe(int(events));
    await e2e.shot(page, 'overview-compared');

    const retention = nextReport<RetentionQuery>(page, 'retention/query');
    await page.getByRole('link', { name: 'Retention', exact: true }).click();
    await page.getByRole('rowheader', { name: 'All cohorts' }).waitFor();
    await page.getByRole('columnheader', { name: 'Week 0' }).waitFor();
    await page.getByText('Retention curve, all cohorts').waitFor();
    expect(await page.getByRole('img', { name: /^Retention curve: Week 0 100%/ }).count()).toBe(1);
    // The range ends with today: each cohort's week in progress is outlined, and the all-cohorts row is the
    // API's curve, which leaves those weeks out.
    const result = await e2e.api<RetentionResult>('retention/query', {
      method: 'POST',
      body: await retention,
    });
    const inProgress = result.cohorts.filter((c) => (c.returned[c.ended] ?? null) !== null).length;
    expect(await page.locator('.cohort-grid td.in-progress').count()).toBe(inProgress);
    const week1 = result.curve[1]!;
    const all = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'All cohorts' }) });
    expect(await all.getByRole('cell').nth(2).getAttribute('title')).toBe(
      week1.subjects > 0 ? `${int(week1.returned)} of ${int(week1.subjects)}` : null,
    );
    await e2e.shot(page, 'retention-curve');
  }, 240_000);
});
