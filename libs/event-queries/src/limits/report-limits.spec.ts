import { loadConfig } from '@bindery/config';
import { DomainError } from '@bindery/contracts';
import { MetricsRegistry } from '@bindery/server';
import { ReportLimits } from './report-limits';

describe('ReportLimits', () => {
  const limitsOf = (env: Record<string, string> = {}) =>
    new ReportLimits(
      loadConfig(
        {
          REPORT_MAX_CONCURRENT: '3',
          REPORT_MAX_CONCURRENT_PER_PROJECT: '2',
          REPORT_RATE_LIMIT_PER_MINUTE: '600',
          RULES_RUN_RATE_LIMIT_PER_MINUTE: '2',
          ...env,
        },
        { port: 0 },
      ),
      new MetricsRegistry(),
    );
  /** The error `admit` throws. */
  const refusal = (run: () => unknown): DomainError => {
    try {
      run();
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error('admitted');
  };

  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('runs REPORT_MAX_CONCURRENT_PER_PROJECT reports of a project at once; the next is a 429 until one ends', () => {
    const limits = limitsOf();
    const first = limits.admit('report', 'p');
    limits.admit('report', 'p');

    const busy = refusal(() => limits.admit('report', 'p'));
    expect(busy).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 2 });
    expect(busy.message).toMatch(/REPORT_MAX_CONCURRENT_PER_PROJECT/);
    expect(() => limits.admit('report', 'q')).not.toThrow();

    // Ending a report twice frees its one slot.
    first();
    first();
    expect(() => limits.admit('report', 'p')).not.toThrow();
    expect(() => limits.admit('report', 'p')).toThrow(DomainError);
  });

  it('runs REPORT_MAX_CONCURRENT reports in all; the next is a 503 with Retry-After', () => {
    const limits = limitsOf();
    const ends = [
      limits.admit('report', 'a'),
      limits.admit('report', 'b'),
      limits.admit('report', 'c'),
    ] as const;

    expect(refusal(() => limits.admit('report', 'd'))).toMatchObject({
      code: 'unavailable',
      retryAfterSeconds: 2,
    });
    ends[1]();
    expect(() => limits.admit('report', 'd')).not.toThrow();
  });

  it('starts at most REPORT_RATE_LIMIT_PER_MINUTE reports a minute, in a burst or spread', () => {
    const limits = limitsOf({ REPORT_RATE_LIMIT_PER_MINUTE: '3', REPORT_MAX_CONCURRENT: '100' });
    for (let i = 0; i < 3; i++) limits.admit('report', 'p')();

    const rate = refusal(() => limits.admit('report', 'p'));
    expect(rate).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 20 });
    expect(rate.message).toMatch(/REPORT_RATE_LIMIT_PER_MINUTE/);
    expect(() => limits.admit('report', 'q')).not.toThrow();

    jest.advanceTimersByTime(19_000);
    expect(refusal(() => limits.admit('report', 'p')).retryAfterSeconds).toBe(1);
    jest.advanceTimersByTime(1_000);
    expect(() => limits.admit('report', 'p')).not.toThrow();
    expect(() => limits.admit('report', 'p')).toThrow(DomainError);
  });

  it('limits only the rate of rules runs, per project', () => {
    const limits = limitsOf({ REPORT_MAX_CONCURRENT: '1' });
    limits.admit('rules-run', 'p');
    limits.admit('rules-run', 'p');

    expect(refusal(() => limits.admit('rules-run', 'p'))).toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 30,
    });
    expect(() => limits.admit('rules-run', 'q')).not.toThrow();
    expect(() => limits.admit('report', 'p')).not.toThrow();
  });
});
