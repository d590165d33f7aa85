/** @jest-environment jsdom */
import type { RetentionResult } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import { CohortGrid } from './CohortGrid';
import { cellShade } from './retention-grid';

const RESULT: RetentionResult = {
  period: 'week',
  cohorts: [
    { start: '2026-09-28', size: 343, returned: [337, 159], ended: 1 },
    { start: '2026-10-05', size: 350, returned: [347, null], ended: 0 },
  ],
  // Week 2 of the first cohort and week 1 of the second are in progress: the curve leaves them out.
  curve: [
    { period: 0, subjects: 693, returned: 693, rate: 1 },
    { period: 1, subjects: 343, returned: 337, rate: 337 / 343 },
    { period: 2, subjects: 0, returned: 0, rate: null },
  ],
};

describe('CohortGrid', () => {
  it('shows a row per cohort with its size, week 0 at 100 %, a shaded share per later week, the week in progress outlined', () => {
    render(<CohortGrid result={RESULT} aggregateBy="user" />);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Cohort', 'People', 'Week 0', 'Week 1', 'Week 2'],
      ['All cohorts', '693', '100% (693 of 693)', '98% (337 of 343)', 'not reached yet'],
      [
        'Week of 28 Sept 2026',
        '343',
        '100% (343 of 343)',
        '98% (337 of 343)',
        '46% (159 of 343 so far: this week is still in progress)',
      ],
      [
        'Week of 5 Oct 2026',
        '350',
        '100% (350 of 350)',
        '99% (347 of 350 so far: this week is still in progress)',
        'not reached yet',
      ],
    ]);
    expect(table.querySelectorAll('td.in-progress')).toHaveLength(2);

    const cell = within(rows[2]!).getAllByRole('cell')[2]!;
    expect(cell.getAttribute('title')).toBe('337 of 343');
    expect(cell.style.background).toBe(cellShade(337 / 343).background);
    const future = within(rows[3]!).getAllByRole('cell')[3]!;
    expect(future.getAttribute('style')).toBeNull();
  });

  it('counts accounts and days when asked', () => {
    render(
      <CohortGrid
        result={{
          period: 'day',
          cohorts: [{ start: '2026-11-20', size: 0, returned: [0], ended: 1 }],
          curve: [
            { period: 0, subjects: 0, returned: 0, rate: null },
            { period: 1, subjects: 0, returned: 0, rate: null },
          ],
        }}
        aggregateBy="account"
      />,
    );
    expect(screen.getByRole('columnheader', { name: 'Accounts' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Day 1' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: '20 Nov 2026' })).toBeTruthy();
    const empty = screen.getAllByTitle('Nobody in this cohort');
    expect(empty.length).toBeGreaterThanOrEqual(2);
    expect(empty.every((cell) => cell.textContent === '—')).toBe(true);
  });
});
