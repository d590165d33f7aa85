/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { AbcBadge, AT_RISK_BELOW, HealthBadge, healthTone, isAtRisk } from './HealthBadge';

describe('healthTone', () => {
  it('is danger below 50, warn below 70 and ok from 70', () => {
    expect([0, 49, 50, 69, 70, 100].map(healthTone)).toEqual([
      'danger',
      'danger',
      'warn',
      'warn',
      'ok',
      'ok',
    ]);
  });

  it('draws the "at risk" line where the colour turns from ok', () => {
    expect(healthTone(AT_RISK_BELOW - 1)).not.toBe('ok');
    expect(healthTone(AT_RISK_BELOW)).toBe('ok');
    expect([AT_RISK_BELOW - 1, AT_RISK_BELOW, null, undefined].map(isAtRisk)).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('HealthBadge', () => {
  it('shows the score in its colour, with what it means on hover', () => {
    render(<HealthBadge score={42} />);
    const badge = screen.getByText('42');
    expect(badge.className).toBe('badge danger');
    expect(badge.getAttribute('title')).toBe('Health 42 of 100: critical');
  });

  it('adds the ABC class when given, and says when an account is not scored', () => {
    render(<HealthBadge score={null} abc="A" />);
    expect(screen.getByText('not scored')).toBeTruthy();
    expect(screen.getByTitle('ABC class A, by MRR').textContent).toBe('A');
  });

  it('shows a dash for an account without a class', () => {
    const { container } = render(<AbcBadge abc={null} />);
    expect(container.textContent).toBe('—');
  });
});
