import { newcombeInterval } from './newcombe';
import { ruleEffect, type SubjectOutcome } from './rule-effect';

const NOW = Date.UTC(2026, 5, 1);

describe('ruleEffect', () => {
  it('counts subjects per arm, pending ones apart, and reports the lift with its interval', () => {
    const outcomes: SubjectOutcome[] = [
      { heldOut: false, windowEnd: NOW - 1, reachedAt: NOW - 5 },
      { heldOut: false, windowEnd: NOW - 1 },
      { heldOut: false, windowEnd: NOW + 1, reachedAt: NOW - 5 },
      { heldOut: false, windowEnd: NOW + 1 },
      { heldOut: true, windowEnd: NOW },
      { heldOut: true, windowEnd: NOW - 9 },
    ];
    const effect = ruleEffect(outcomes, NOW);
    expect(effect.treated).toEqual({ subjects: 2, reached: 1, rate: 0.5, pending: 2, pendingReached: 1 });
    expect(effect.heldOut).toEqual({ subjects: 2, reached: 0, rate: 0, pending: 0, pendingReached: 0 });
    expect(effect.lift).toBe(0.5);
    expect(effect.interval).toEqual(newcombeInterval(1, 2, 0, 2));
    expect(effect.complete).toBe(false);
  });

  it('has no lift while an arm has no finished subject', () => {
    const effect = ruleEffect([{ heldOut: false, windowEnd: NOW - 1, reachedAt: NOW - 2 }], NOW);
    expect(effect.lift).toBeNull();
    expect(effect.interval).toBeNull();
    expect(effect.heldOut.rate).toBeNull();
    expect(effect.complete).toBe(true);
  });
});
