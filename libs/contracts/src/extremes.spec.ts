import { maxOf, minOf } from './extremes';

describe('minOf and maxOf', () => {
  it('answer the least and greatest value, as Math.min and Math.max do', () => {
    expect(minOf([3, -2, 7])).toBe(-2);
    expect(maxOf(new Set([3, -2, 7]))).toBe(7);
    expect(minOf([])).toBe(Infinity);
    expect(maxOf([])).toBe(-Infinity);
  });

  it('take a million values, past what spreading them as arguments allows', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.min(...values)).toThrow(RangeError);
    expect(minOf(values)).toBe(0);
    expect(maxOf(values.values())).toBe(values.reduce((a, b) => (a > b ? a : b)));
  });
});
