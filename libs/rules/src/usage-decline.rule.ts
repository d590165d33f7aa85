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
 * Active users are summed per day (user-days). One signal per account per recent span.
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
    const baseline = (sum(u, firstDay, recentFrom - 1) * p.recentDays) / p.baselineDays;
    if (baseline < p.minBaseline || baseline === 0 || recent * 100 >= baseline * p.thresholdPct) return [];
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
