import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type SurveyResults } from '@bindery/contracts';
import { eventRow } from '@bindery/testing';
import { type DashboardE2E, startDashboardE2E } from './harness';

const DAY = 86_400_000;

/** The NPS page: the score, its breakdowns and the comments as the API computes them, text shown as text. */
describe('dashboard: survey results', () => {
  let e2e: DashboardE2E;
  let surveyId: string;

  beforeAll(async () => {
    e2e = await startDashboardE2E('surveys', { accounts: 6 });
    surveyId = (
      await e2e.api<{ id: string }>('surveys', {
        method: 'POST',
        status: 201,
        body: { name: 'Quarterly NPS', kind: 'nps', question: 'Would you recommend us?' },
      })
    ).id;
    const scores = [10, 9, 9, 8, 7, 6, 3, 0, 10, 2];
    const rows = scores.map((score, i) =>
      eventRow(e2e.project.id, Date.now() - (i + 1) * DAY, {
        event: 'survey answered',
        feature: 'survey answered',
        user_id: `person-${i}`,
        account_id: `acct-${i % 3}`,
        properties: JSON.stringify({
          surveyId,
          kind: 'nps',
          score,
          ...(i === 6 ? { comment: '<img src=x onerror=alert(1)> too slow' } : {}),
        }),
      }),
    );
    await e2e.app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });
  }, 300_000);
  afterAll(() => e2e?.close());

  it('shows the NPS, promoters, passives, detractors, breakdowns and the comment with its person', async () => {
    const to = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const expected = await e2e.api<SurveyResults>(`surveys/${surveyId}/results/query`, {
      method: 'POST',
      body: { from: new Date(Date.now() - 100 * DAY).toISOString(), to: `${to}T00:00:00.000Z` },
    });
    expect(expected.summary).toMatchObject({
      responses: 10,
      promoters: 4,
      passives: 2,
      detractors: 4,
      score: 0,
    });

    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page.getByRole('link', { name: 'Surveys', exact: true }).click();
    await page.getByRole('heading', { name: 'Surveys' }).waitFor();
    await page.getByText('Would you recommend us?').waitFor();
    const tile = (label: string) => page.locator('.tile', { has: page.getByText(label, { exact: true }) });
    expect(await tile('NPS').locator('.value').textContent()).toBe('0.0');
    expect(await tile('Promoters').locator('.value').textContent()).toBe('4');
    expect(await tile('Detractors').locator('.value').textContent()).toBe('4');
    expect(await page.getByRole('table', { name: 'By ABC class' }).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: 'By plan' }).getByRole('row').count()).toBeGreaterThan(1);
    const comment = page.getByText('<img src=x onerror=alert(1)> too slow');
    await comment.waitFor();
    expect(await page.locator('.survey-comments img').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'person-6' }).getAttribute('href')).toBe('/people/person-6');
    await e2e.shot(page, 'nps');
  });
});
