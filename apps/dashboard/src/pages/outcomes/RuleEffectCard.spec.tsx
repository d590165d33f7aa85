/** @jest-environment jsdom */
import type { RuleEffect } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import { formatInterval, formatPoints, verdict } from './effect-format';
import { EffectView, goalText } from './RuleEffectCard';

const arm = (subjects: number, reached: number, pending = 0, pendingReached = 0) => ({
  subjects,
  reached,
  rate: subjects === 0 ? null : reached / subjects,
  pending,
  pendingReached,
});

const EFFECT: RuleEffect = {
  ruleId: '0190f000-0000-7000-8000-0000000000aa',
  version: 2,
  holdoutPct: 30,
  goal: { event: '$feature', goalDays: 14 },
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-12-01T00:00:00.000Z',
  treated: arm(700, 210, 40, 9),
  heldOut: arm(300, 30),
  lift: 0.2,
  interval: { low: 0.1534, high: 0.2416 },
  method: 'newcombe-hybrid-score',
  complete: false,
  versions: [2, 1],
};

describe('the effect of a rule', () => {
  it('shows both arms, the lift, its interval and an open window', () => {
    render(<EffectView rule={{ name: 'Dropped alerts' }} effect={EFFECT} />);
    const rows = within(screen.getByRole('table', { name: 'Dropped alerts: treated against held out' }))
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Treated', '700', '210', '30%', '40', '9 (23%)'],
      ['Held out', '300', '30', '10%', '0', '—'],
    ]);
    expect(screen.getByText('+20.0 pts')).toBeTruthy();
    expect(screen.getByText('+15.3 to +24.2 pts', { exact: false })).toBeTruthy();
    expect(screen.getByText('Open for 40 subjects')).toBeTruthy();
    expect(screen.getByText('Acting raises the goal rate')).toBeTruthy();
  });

  it('says what a missing or straddling interval means', () => {
    const pending = {
      ...EFFECT,
      treated: arm(0, 0, 12, 3),
      heldOut: arm(0, 0, 5, 0),
      lift: null,
      interval: null,
    };
    expect(verdict(pending).text).toBe('Waiting for goal windows to end');
    expect(verdict({ ...EFFECT, interval: { low: -0.05, high: 0.1 } }).text).toMatch(/covers 0/);
    expect(verdict({ ...EFFECT, lift: -0.2, interval: { low: -0.3, high: -0.1 } }).tone).toBe('warn');
    expect(formatInterval(null)).toBe('—');
    expect(formatPoints(-0.031)).toBe('−3.1 pts');
    expect(formatPoints(0.0001)).toBe('0.0 pts');
    expect(goalText({ event: 'Report Exported', goalDays: 1 })).toBe('“Report Exported” within 1 day');
  });
});
