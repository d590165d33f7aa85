/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AtRiskLine } from './at-risk-line';
import { AbcBadge, HealthBadge, healthTone, isAtRisk } from './HealthBadge';

/** Renders under a project whose at-risk line is 50. */
const renderAt50 = (ui: ReactElement) => render(<AtRiskLine.Provider value={50}>{ui}</AtRiskLine.Provider>);

describe('healthTone', () => {
  it('is danger below the at-risk line, warn up to 20 above it and ok from there', () => {
    expect([0, 49, 50, 69, 70, 100].map((score) => healthTone(score, 50))).toEqual([
      'danger',
      'danger',
      'warn',
      'warn',
      'ok',
      'ok',
    ]);
    expect([29, 30, 50].map((score) => healthTone(score, 30))).toEqual(['danger', 'warn', 'ok']);
  });

  it('calls a scored account at risk below the line, and an account not scored never', () => {
    expect([49, 50, null, undefined].map((score) => isAtRisk(score, 50))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('HealthBadge', () => {
  it('shows the score in its colour, with what it means on hover', () => {
    renderAt50(<HealthBadge score={42} />);
    const badge = screen.getByText('42');
    expect(badge.className).toBe('badge danger');
    expect(badge.getAttribute('title')).toBe('Health 42 of 100: at risk');
  });

  it('adds the ABC class when given, and says when an account is not scored', () => {
    renderAt50(<HealthBadge score={null} abc="A" />);
    expect(screen.getByText('not scored')).toBeTruthy();
    expect(screen.getByTitle('ABC class A, by MRR').textContent).toBe('A');
  });

  it('shows a dash for an account without a class', () => {
    const { container } = render(<AbcBadge abc={null} />);
    expect(container.textContent).toBe('—');
  });
});
