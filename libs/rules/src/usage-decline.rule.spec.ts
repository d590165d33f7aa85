import { type UsageDeclineParams } from '@bindery/contracts';
import { type DailyUsage, evaluateUsageDecline, usageDeclineWindow } from './usage-decline.rule';

/** 19_846 is 2024-05-03; yesterday, 19_845, is 7 × 2835, the first day of a 7-day span. */
const TODAY = 19_846;
const P: UsageDeclineParams = {
  metric: 'events',
  recentDays: 7,
  baselineDays: 28,
  thresholdPct: 50,
  minBaseline: 20,
};

const usage = (accountId: string, days: [day: number, value: number][]): DailyUsage => ({
  accountId,
  byDay: new Map(days),
});

/** `perDay` on each of the days from `from` to `to`, both included. */
const each = (from: number, to: number, perDay: number): [number, number][] =>
  Array.from({ length: to - from + 1 }, (_, i) => [from + i, perDay]);

/** Baseline days today-35..today-8, recent days today-7..today-1. */
const baseline = (perDay: number, today = TODAY) => each(today - 35, today - 8, perDay);

describe('usageDeclineWindow', () => {
  it('reads the baseline and the recent span, ending yesterday', () => {
    expect(usageDeclineWindow(P, TODAY)).toEqual({ firstDay: TODAY - 35, lastDay: TODAY - 1 });
  });
});

describe('evaluateUsageDecline', () => {
  it('fires when the recent span falls below thresholdPct % of the baseline scaled to its length', () => {
    // 28 days × 4 = 112 events, 28 per 7 days; 13 is 46.4 % of it.
    const acme = usage('acme', [...baseline(4), [TODAY - 1, 13]]);
    expect(evaluateUsageDecline(P, TODAY, [acme])).toEqual([
      {
        subject: { accountId: 'acme' },
        periodKey: 'span:2835',
        details: {
          metric: 'events',
          recent: 13,
          baseline: 28,
          pctOfBaseline: 46.4,
          recentDays: 7,
          baselineDays: 28,
        },
      },
    ]);
  });

  it('does not fire when the recent span is exactly thresholdPct % of the baseline', () => {
    const acme = usage('acme', [...baseline(4), [TODAY - 1, 14]]);
    expect(evaluateUsageDecline(P, TODAY, [acme])).toEqual([]);
  });

  it('does not fire at exactly thresholdPct % when the scaled baseline is not a whole number', () => {
    // 100 events over 21 days are 33.33… per 7 days; 10 is exactly 30 % of that.
    const p: UsageDeclineParams = { ...P, baselineDays: 21, thresholdPct: 30, minBaseline: 0 };
    const acme = (recent: number) =>
      usage('acme', [...each(TODAY - 28, TODAY - 9, 5), [TODAY - 8, 0], [TODAY - 3, recent]]);
    expect(evaluateUsageDecline(p, TODAY, [acme(10)])).toEqual([]);
    expect(evaluateUsageDecline(p, TODAY, [acme(9)])).toEqual([
      {
        subject: { accountId: 'acme' },
        periodKey: 'span:2835',
        details: {
          metric: 'events',
          recent: 9,
          baseline: 33.33,
          pctOfBaseline: 27,
          recentDays: 7,
          baselineDays: 21,
        },
      },
    ]);
  });

  it('scales a baseline of another length than the recent span', () => {
    // 14 baseline days × 3 = 42 events, 21 per 7 days; 10 is 47.6 % of it, 11 is 52.4 %.
    const p: UsageDeclineParams = { ...P, baselineDays: 14 };
    const acme = (recent: number) => usage('acme', [...each(TODAY - 21, TODAY - 8, 3), [TODAY - 7, recent]]);
    expect(evaluateUsageDecline(p, TODAY, [acme(11)])).toEqual([]);
    expect(evaluateUsageDecline(p, TODAY, [acme(10)])).toEqual([
      {
        subject: { accountId: 'acme' },
        periodKey: 'span:2835',
        details: {
          metric: 'events',
          recent: 10,
          baseline: 21,
          pctOfBaseline: 47.6,
          recentDays: 7,
          baselineDays: 14,
        },
      },
    ]);
  });

  it('counts the first baseline day and the last recent day, not the day before nor today', () => {
    // Baseline: 56 on its first day and 56 on its last = 112, 28 per 7 days; recent: 13 on its first day.
    const acme = usage('acme', [
      [TODAY - 36, 1_000],
      [TODAY - 35, 56],
      [TODAY - 8, 56],
      [TODAY - 7, 6],
      [TODAY - 1, 7],
      [TODAY, 1_000],
    ]);
    expect(evaluateUsageDecline(P, TODAY, [acme])).toEqual([
      {
        subject: { accountId: 'acme' },
        periodKey: 'span:2835',
        details: {
          metric: 'events',
          recent: 13,
          baseline: 28,
          pctOfBaseline: 46.4,
          recentDays: 7,
          baselineDays: 28,
        },
      },
    ]);
  });

  it('judges a baseline of exactly minBaseline and skips one just under it', () => {
    const atMin = usage('at-min', [[TODAY - 20, 80]]); // 20 per 7 days
    const under = usage('under', [[TODAY - 20, 79]]); // 19.75 per 7 days
    expect(evaluateUsageDecline(P, TODAY, [atMin, under])).toEqual([
      {
        subject: { accountId: 'at-min' },
        periodKey: 'span:2835',
        details: {
          metric: 'events',
          recent: 0,
          baseline: 20,
          pctOfBaseline: 0,
          recentDays: 7,
          baselineDays: 28,
        },
      },
    ]);
  });

  it('does not fire on an empty baseline even when minBaseline is 0', () => {
    const p: UsageDeclineParams = { ...P, minBaseline: 0 };
    expect(evaluateUsageDecline(p, TODAY, [usage('empty', []), usage('new', [[TODAY - 1, 5]])])).toEqual([]);
  });

  it('does not fire when usage grew', () => {
    expect(evaluateUsageDecline(P, TODAY, [usage('acme', [...baseline(4), [TODAY - 1, 100]])])).toEqual([]);
  });

  it('sums active users per day as user-days and names the metric', () => {
    const p: UsageDeclineParams = { ...P, metric: 'active_users', minBaseline: 5 };
    // 2 users on each baseline day: 56 user-days, 14 per 7 days; 1 user on 6 recent days: 6 = 42.9 %.
    const acme = usage('acme', [...baseline(2), ...each(TODAY - 6, TODAY - 1, 1)]);
    expect(evaluateUsageDecline(p, TODAY, [acme])).toEqual([
      {
        subject: { accountId: 'acme' },
        periodKey: 'span:2835',
        details: {
          metric: 'active_users',
          recent: 6,
          baseline: 14,
          pctOfBaseline: 42.9,
          recentDays: 7,
          baselineDays: 28,
        },
      },
    ]);
  });

  it('keeps the period key over the 7 evaluation days of a span and changes it on the 8th', () => {
    const keys = [0, 6, 7].map((after) => {
      const today = TODAY + after;
      const [signal] = evaluateUsageDecline(P, today, [usage('acme', baseline(4, today))]);
      return signal?.periodKey;
    });
    expect(keys).toEqual(['span:2835', 'span:2835', 'span:2836']);
    expect(evaluateUsageDecline(P, TODAY - 1, [usage('acme', baseline(4, TODAY - 1))])[0]?.periodKey).toBe(
      'span:2834',
    );
  });

  it('judges each account on its own and keeps their order', () => {
    const accounts = [
      usage('b', [...baseline(4), [TODAY - 1, 1]]),
      usage('steady', [...baseline(4), ...each(TODAY - 7, TODAY - 1, 4)]),
      usage('a', baseline(4)),
    ];
    expect(evaluateUsageDecline(P, TODAY, accounts).map((d) => [d.subject, d.details.recent])).toEqual([
      [{ accountId: 'b' }, 1],
      [{ accountId: 'a' }, 0],
    ]);
  });
});
