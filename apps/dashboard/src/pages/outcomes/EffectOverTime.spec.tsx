/** @jest-environment jsdom */
import type { RuleEffectSeries } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import { EffectSeriesView, periodLabel, seriesPoints } from './EffectOverTime';

const arm = (subjects: number, reached: number, pending = 0) => ({
  subjects,
  reached,
  rate: subjects === 0 ? null : reached / subjects,
  pending,
  pendingReached: 0,
});

const SERIES: RuleEffectSeries = {
  ruleId: '0190f000-0000-7000-8000-0000000000aa',
  version: 1,
  holdoutPct: 30,
  goal: { event: '$feature', goalDays: 14 },
  from: '2026-11-02T00:00:00.000Z',
  to: '2026-11-23T00:00:00.000Z',
  interval: 'week',
  method: 'newcombe-hybrid-score',
  versions: [1],
  periods: [
    {
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-09T00:00:00.000Z',
      treated: arm(70, 28),
      heldOut: arm(30, 3),
      lift: 0.3,
      interval: { low: 0.1512, high: 0.4201 },
      complete: true,
    },
    {
      from: '2026-11-09T00:00:00.000Z',
      to: '2026-11-16T00:00:00.000Z',
      treated: arm(0, 0, 5),
      heldOut: arm(0, 0, 2),
      lift: null,
      interval: null,
      complete: false,
    },
    {
      from: '2026-11-16T00:00:00.000Z',
      to: '2026-11-23T00:00:00.000Z',
      treated: arm(40, 10, 4),
      heldOut: arm(20, 4),
      lift: 0.05,
      interval: { low: -0.17, high: 0.24 },
      complete: false,
    },
  ],
};

describe('the effect of a rule over time', () => {
  it('turns periods into points in percentage points, leaving unmeasured ones without a point', () => {
    expect(seriesPoints(SERIES)).toEqual([
      { label: '2 Nov', lift: 30, band: [15.1, 42], complete: true, subjects: 100, pending: 0 },
      { label: '9 Nov', lift: null, band: null, complete: false, subjects: 0, pending: 7 },
      { label: '16 Nov', lift: 5, band: [-17, 24], complete: false, subjects: 60, pending: 4 },
    ]);
    expect(periodLabel({ from: '2026-11-01T00:00:00.000Z' }, 'month')).toBe('Nov 2026');
  });

  it('lists each period with its lift, interval and whether its goal windows are complete', () => {
    render(<EffectSeriesView name="Dropped alerts" series={SERIES} />);
    const rows = within(screen.getByRole('table', { name: 'Dropped alerts: effect per week' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['2 Nov', '100', '+30.0 pts', '+15.1 to +42.0 pts', 'Complete'],
      ['9 Nov', '0', '—', '—', 'Open for 7 subjects'],
      ['16 Nov', '60', '+5.0 pts', '−17.0 to +24.0 pts', 'Open for 4 subjects'],
    ]);
    expect(screen.getByRole('img').getAttribute('aria-label')).toMatch(/2 of 3 periods with goal windows/);
  });
});
