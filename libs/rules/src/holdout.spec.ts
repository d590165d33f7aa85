import { holdoutBucket, isHeldOut } from './holdout';

const RULE = '0190f0e6-7c1a-7000-8000-000000000001';
const subjects = Array.from({ length: 10_000 }, (_, i) => `user:u${i}`);

describe('isHeldOut', () => {
  it('holds out 30 % ± 1.5 % of 10,000 subjects at 30 %', () => {
    const held = subjects.filter((s) => isHeldOut(RULE, s, 30)).length;
    expect(held).toBeGreaterThanOrEqual(2850);
    expect(held).toBeLessThanOrEqual(3150);
  });

  it('puts each subject in the same arm every time, and depends on the rule', () => {
    const first = subjects.map((s) => isHeldOut(RULE, s, 30));
    expect(subjects.map((s) => isHeldOut(RULE, s, 30))).toEqual(first);
    const other = subjects.map((s) => isHeldOut('0190f0e6-7c1a-7000-8000-000000000002', s, 30));
    expect(other).not.toEqual(first);
  });

  it('holds out nobody at 0 %, and a larger share only adds subjects', () => {
    expect(subjects.some((s) => isHeldOut(RULE, s, 0))).toBe(false);
    const at10 = subjects.filter((s) => isHeldOut(RULE, s, 10));
    expect(at10.every((s) => isHeldOut(RULE, s, 30))).toBe(true);
  });

  it('is a fixed function of rule and subject (the same bucket in any process)', () => {
    // SHA-256 of the text, first four bytes big-endian, modulo 10,000: pinned so a change shows.
    expect(holdoutBucket('r', 's')).toBe(3559);
  });
});
