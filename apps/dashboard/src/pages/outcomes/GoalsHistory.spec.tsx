/** @jest-environment jsdom */
import type { Goal, GoalSnapshot } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import { goalChange, goalProgress } from './goal-format';
import { goalInput } from './GoalForm';
import { GoalHistory } from './GoalsHistory';

const snapshot = (periodStart: string, value: number | null, onTrack: boolean): GoalSnapshot => ({
  periodStart,
  periodEnd: periodStart,
  value,
  target: 80,
  onTrack,
  computedAt: periodStart,
});

const GOAL: Goal = {
  id: '0190f000-0000-7000-8000-0000000000aa',
  name: 'Keep our customers',
  metric: 'logo_retention',
  params: { days: 28 },
  target: 80,
  direction: 'at_least',
  cadence: 'weekly',
  createdBy: 'owner@example.com',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  latest: snapshot('2026-11-23T00:00:00.000Z', 76.5, false),
  previous: snapshot('2026-11-16T00:00:00.000Z', 81, true),
};

describe('a goal’s history', () => {
  it('lists each period against its target, newest first, and the newest as progress', () => {
    render(<GoalHistory goal={GOAL} snapshots={[GOAL.previous!, GOAL.latest!]} />);
    const rows = within(
      screen.getByRole('table', { name: 'Keep our customers: each period against its target' }),
    )
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Week of 23 Nov 2026', '76.5 %', '80 %', 'No'],
      ['Week of 16 Nov 2026', '81 %', '80 %', 'Yes'],
    ]);
    const meter = screen.getByRole('meter');
    expect(meter.getAttribute('aria-valuenow')).toBe('96');
    expect(meter.getAttribute('aria-label')).toBe(
      'Keep our customers: 76.5 % against a target of at least 80 %',
    );
    expect(screen.getByText('Off track')).toBeTruthy();
  });

  it('words the change and the progress both ways', () => {
    expect(goalChange(GOAL)).toBe('−4.5 points since the week before');
    expect(goalChange({ ...GOAL, previous: null })).toBeNull();
    expect(goalProgress({ direction: 'at_most' }, { value: 100, target: 80 })).toBe(0.8);
    expect(goalProgress({ direction: 'at_most' }, { value: 60, target: 80 })).toBe(1);
    expect(goalProgress({ direction: 'at_least' }, { value: null, target: 80 })).toBe(0);
  });

  it('sends the form’s goal with the metric’s own parameter, typed', () => {
    const form = {
      name: ' Keep ',
      param: '28',
      target: '90',
      direction: 'at_least',
      cadence: 'monthly',
    } as const;
    expect(goalInput({ ...form, metric: 'logo_retention' })).toEqual({
      name: 'Keep',
      metric: 'logo_retention',
      params: { days: 28 },
      target: 90,
      direction: 'at_least',
      cadence: 'monthly',
    });
    expect(goalInput({ ...form, metric: 'feature_adoption', param: ' reports ' }).params).toEqual({
      feature: 'reports',
    });
    expect(goalInput({ ...form, metric: 'customer_age' }).params).toEqual({});
  });
});
