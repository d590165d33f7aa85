import { backoff, judge, MAX_RETRY_AFTER_MS, parseRetryAfter } from './retry';

describe('judge', () => {
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [413, 'split'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [400, 'refused'],
    [401, 'refused'],
    [404, 'refused'],
    [302, 'refused'],
  ])('%d → %s', (status, kind) => {
    expect(judge(status, null, 0).kind).toBe(kind);
  });

  it('carries the wait a Retry-After asks for', () => {
    expect(judge(429, '3', 0)).toEqual({ kind: 'retry', afterMs: 3000 });
    expect(judge(503, null, 0)).toEqual({ kind: 'retry', afterMs: undefined });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it('reads seconds and HTTP dates, never below zero, capped', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 1.5 ', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(MAX_RETRY_AFTER_MS);
  });
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles from the minimum up to the maximum, jittered within the upper half', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(n, 1000, 30_000, 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000,
    ]);
    expect([1, 2, 6].map((n) => backoff(n, 1000, 30_000, 0))).toEqual([500, 1000, 15_000]);
    for (let i = 0; i < 100; i++) {
      const delay = backoff(3, 1000, 30_000);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});
