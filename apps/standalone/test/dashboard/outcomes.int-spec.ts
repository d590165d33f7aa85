import type { Page, Request } from 'playwright-core';
import type { EffectArm, MessageAnalytics, RuleEffect, RuleEffectSeries, RuleList } from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

/**
 * The Outcomes page in Chromium on the demo: each rule's arms and interval, its weeks, and the email funnel.
 */
describe('dashboard: outcomes', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('outcomes', { backDated: true });
  }, 480_000);
  afterAll(() => e2e?.close());

  async function cellsOf(page: Page, name: string): Promise<string[][]> {
    const table = page.getByRole('table', { name, exact: true });
    // Each card asks for its effect and its weeks: on a loaded machine the first answers take a while.
    await table.waitFor({ timeout: 60_000 });
    return table
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.slice(1).map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent ?? '')),
      );
  }

  const int = (n: number) => n.toLocaleString('en');
  const pct = (share: number | null) => {
    if (share === null) return '—';
    const p = share * 100;
    return `${p < 10 && p > 0 ? p.toFixed(1) : Math.round(p)}%`;
  };
  const armRow = (label: string, arm: EffectArm) => [
    label,
    int(arm.subjects),
    int(arm.reached),
    pct(arm.rate),
    int(arm.pending),
    arm.pending === 0 ? '—' : `${int(arm.pendingReached)} (${pct(arm.pendingReached / arm.pending)})`,
  ];

  it('asks for at most four reports at a time, the API’s default for a project', async () => {
    const { rules } = await e2e.api<RuleList>('rules');
    const page = await e2e.newPage();
    // Past four at once the API answers 429 (this suite's app allows 16, for the specs' own reads).
    let inFlight = 0;
    let most = 0;
    const isRead = (r: Request) => r.url().includes('/v1/projects/') && r.method() === 'GET';
    page.on('request', (r) => {
      if (isRead(r)) most = Math.max(most, ++inFlight);
    });
    const done = (r: Request) => {
      if (isRead(r)) inFlight--;
    };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
    await page.getByRole('button', { name: /^Show the \d+ rules without a hold-out$/ }).click();
    for (const rule of rules) {
      await page
        .getByRole('table', { name: `${rule.name}: treated against held out`, exact: true })
        .waitFor({ timeout: 60_000 });
    }
    expect(rules.length).toBeGreaterThan(4);
    expect(most).toBe(4);
  });

  it('shows each rule’s arms, lift and interval as the API answers them', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();

    const { rules } = await e2e.api<RuleList>('rules');
    const held = rules.filter((r) => r.holdoutPct > 0);
    expect(held.map((r) => r.name).sort()).toEqual([
      'Stalled before inviting the team',
      'Tried alerts, then dropped them',
    ]);
    let story = { treated: 0, heldOut: 0, treatedBack: 0, heldOutBack: 0 };
    let measured = 0;
    const others = rules.filter((r) => r.holdoutPct === 0);
    for (const rule of [...held, ...others]) {
      if (rule === others[0]) {
        await e2e.shot(page, 'rules');
        await page
          .getByRole('button', { name: `Show the ${others.length} rules without a hold-out` })
          .click();
      }
      const rows = await cellsOf(page, `${rule.name}: treated against held out`);
      const url = new URL(page.url());
      const days = Number(url.searchParams.get('days') ?? 30);
      expect(days).toBe(30);
      const card = page.getByRole('region', { name: rule.name, exact: true });
      // The page asked for its range; the API is asked for the same one.
      const asked = (path: string) =>
        page.evaluate(
          (part) =>
            performance
              .getEntriesByType('resource')
              .map((e) => e.name)
              .find((n) => n.includes(part)) ?? '',
          `/rules/${rule.id}/${path}?`,
        );
      const query = new URL(await asked('effect')).search;
      // The range and nothing else of the page's state (its range select's setter once went along as text).
      expect([...new URLSearchParams(query).keys()].sort()).toEqual(['from', 'to']);
      const effect = await e2e.api<RuleEffect>(`rules/${rule.id}/effect${query}`);
      expect(effect.version).toBe(rule.version);
      expect(rows).toEqual([armRow('Treated', effect.treated), armRow('Held out', effect.heldOut)]);
      const summary = await card.locator('.effect-summary').textContent();
      const points = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d * 100).toFixed(1)}`;
      if (effect.interval && effect.lift !== null) {
        expect(summary).toContain(`${points(effect.lift)} pts`);
        expect(summary).toContain(`${points(effect.interval.low)} to ${points(effect.interval.high)} pts`);
      } else {
        expect(summary).toContain('Lift—');
      }
      expect(summary).toContain(
        effect.complete ? 'Complete' : `Open for ${int(effect.treated.pending + effect.heldOut.pending)}`,
      );
      if (rule.holdoutPct > 0) {
        story = {
          treated: story.treated + effect.treated.subjects + effect.treated.pending,
          heldOut: story.heldOut + effect.heldOut.subjects + effect.heldOut.pending,
          treatedBack: story.treatedBack + effect.treated.reached + effect.treated.pendingReached,
          heldOutBack: story.heldOutBack + effect.heldOut.reached + effect.heldOut.pendingReached,
        };
        if (effect.lift !== null) measured++;
        // Over time: the chart's table, week by week, as the series API answers for the same query.
        const weeks = await cellsOf(page, `${rule.name}: effect per week`);
        await page.waitForFunction(
          (id) =>
            performance
              .getEntriesByType('resource')
              .some((e) => e.name.includes(`/rules/${id}/effect/series?`)),
          rule.id,
        );
        const seriesQuery = new URL(await asked('effect/series')).search;
        expect([...new URLSearchParams(seriesQuery).keys()].sort()).toEqual(['from', 'interval', 'to']);
        const series = await e2e.api<RuleEffectSeries>(`rules/${rule.id}/effect/series${seriesQuery}`);
        expect(series.interval).toBe('week');
        expect(weeks.map((w) => [w[2], w[4]])).toEqual(
          series.periods.map((p) => [
            p.lift === null ? '—' : `${points(p.lift)} pts`,
            p.complete ? 'Complete' : `Open for ${int(p.treated.pending + p.heldOut.pending)} subjects`,
          ]),
        );
        // The demo's back-dated runs: the older weeks are complete, the latest still open.
        expect(series.periods.some((p) => p.complete && p.lift !== null)).toBe(true);
        expect(series.periods.at(-1)!.complete).toBe(false);
      }
    }
    // The demo's story: both arms have people, more of those acted on reached the goal, and the back-dated
    // runs' windows have ended: a lift is measured.
    expect(measured).toBeGreaterThan(0);
    expect(story.treated).toBeGreaterThan(0);
    expect(story.heldOut).toBeGreaterThan(0);
    expect(story.treatedBack / story.treated).toBeGreaterThan(story.heldOutBack / story.heldOut);

    const messages = await e2e.api<MessageAnalytics>(
      `messages/analytics${
        new URL(
          await page.evaluate(
            () =>
              performance
                .getEntriesByType('resource')
                .map((e) => e.name)
                .find((n) => n.includes('/messages/analytics')) ?? '',
          ),
        ).search
      }`,
    );
    expect(messages.templates.length).toBeGreaterThan(0);
    const templates = await cellsOf(page, 'Email funnel per template');
    const expected = [...messages.templates]
      .sort((a, b) => b.sent - a.sent)
      .map((t) => [t.template, int(t.sent), int(t.clicked), int(t.converted), int(t.written)]);
    expect(templates.map((r) => [r[0], r[1], r[2]!.split(' ')[0], r[3]!.split(' ')[0], r[4]])).toEqual(
      expected,
    );
    await page.getByRole('heading', { name: /Training emails/ }).scrollIntoViewIfNeeded();
    await e2e.shot(page, 'emails');
  });

  it('fits a phone', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
    await page
      .getByRole('table', { name: 'Tried alerts, then dropped them: treated against held out' })
      .waitFor();
    await e2e.shot(page, 'phone');
  });
});
