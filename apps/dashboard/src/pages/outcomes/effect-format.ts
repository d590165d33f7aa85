import type { EffectArm, RuleEffect } from '@bindery/contracts';

/** A difference of two rates in percentage points, signed: "+20.0 pts", "−3.1 pts", "0.0 pts". */
export function formatPoints(diff: number | null | undefined): string {
  if (diff == null || Number.isNaN(diff)) return '—';
  const pts = diff * 100;
  const text = Math.abs(pts).toFixed(1);
  if (text === '0.0') return '0.0 pts';
  return `${pts > 0 ? '+' : '−'}${text} pts`;
}

/** The 95 % interval of a lift, "+17.1 to +22.8 pts", or "—" while there is none. */
export function formatInterval(interval: RuleEffect['interval']): string {
  if (!interval) return '—';
  return `${formatPoints(interval.low).replace(' pts', '')} to ${formatPoints(interval.high)}`;
}

/** What an effect says, in one sentence a reader can act on. */
export function verdict(effect: RuleEffect): { tone: 'ok' | 'warn' | 'info'; text: string } {
  const { interval, treated, heldOut } = effect;
  if (!interval) {
    const pending = treated.pending + heldOut.pending;
    if (pending > 0) return { tone: 'info', text: 'Waiting for goal windows to end' };
    return { tone: 'info', text: 'Not enough subjects in both arms yet' };
  }
  if (interval.low > 0) return { tone: 'ok', text: 'Acting raises the goal rate' };
  if (interval.high < 0) return { tone: 'warn', text: 'Acting lowers the goal rate' };
  return { tone: 'info', text: 'No difference shown yet: the interval covers 0' };
}

/** The share of an arm's pending subjects that reached the goal so far; null without pending subjects. */
export function soFarRate(arm: EffectArm): number | null {
  return arm.pending === 0 ? null : arm.pendingReached / arm.pending;
}
