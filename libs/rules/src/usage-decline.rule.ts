import { type UsageDeclineParams } from '@bindery/contracts';
import { type Detection } from './detection';

/** An account's metric (events, or active users) per day; days missing from the map count 0. */
export interface DailyUsage {
  accountId: string;
  byDay: Map<number, number>;
}

/** The days the rule reads: the baseline span, then the recent span ending yesterday (today is partial). */
export const usageDeclineWindow = (p: UsageDeclineParams, today: number) => ({
  firstDay: today - p.recentDays - p.baselineDays,
  lastDay: today - 1,
});

const sum = (u: DailyUsage, from: number, to: number) => {
  let total = 0;
  for (let d = from; d <= to; d++) total += u.byDay.get(d) ?? 0;
  return total;
};

/**
 * Accounts whose metric over the last `recentDays` full days fell below `thresholdPct` % of its average over
 * the `baselineDays` before, scaled to the same length; a baseline under `minBaseline` is too thin to judge.
 * Active users are summed per day (user-days). One signal per account per block of `recentDays` days
 * (counted from 1970); the rule's cooldown keeps a decline that spans two blocks from firing twice.
 */
export function evaluateUsageDecline(
  p: UsageDeclineParams,
  today: number,
  accounts: DailyUsage[],
): Detection[] {
  const { firstDay, lastDay } = usageDeclineWindow(p, today);
  const recentFrom = lastDay - p.recentDays + 1;
  return accounts.flatMap((u) => {
    const recent = sum(u, recentFrom, lastDay);
    const baselineTotal = sum(u, firstDay, recentFrom - 1);
    const baseline = (baselineTotal * p.recentDays) / p.baselineDays;
    // The threshold is compared without the division, which is inexact (100 × 7 / 21 × 30 > 1000).
    const atOrAbove = recent * 100 * p.baselineDays >= baselineTotal * p.recentDays * p.thresholdPct;
    if (baseline < p.minBaseline || baseline === 0 || atOrAbove) return [];
    return [
      {
        subject: { accountId: u.accountId },
        periodKey: `span:${Math.floor(lastDay / p.recentDays)}`,
        details: {
          metric: p.metric,
          recent,
          baseline: Math.round(baseline * 100) / 100,
          pctOfBaseline: Math.round((recent / baseline) * 1000) / 10,
          recentDays: p.recentDays,
          baselineDays: p.baselineDays,
        },
      },
    ];
  });
}
