import { type HealthDropParams } from '@bindery/contracts';
import { type Detection, isoDay } from './detection';

/** An account's daily health scores, oldest first, over the days the rule reads (today last). */
export interface HealthHistory {
  accountId: string;
  scores: { day: number; score: number }[];
}

/**
 * Accounts whose score today is below `threshold`, or `delta` or more points under their highest score of the
 * `days` before. One signal per account and day; the rule's cooldown keeps it from repeating every day.
 */
export function evaluateHealthDrop(
  p: HealthDropParams,
  today: number,
  accounts: HealthHistory[],
): Detection[] {
  return accounts.flatMap((a) => {
    const current = a.scores.find((s) => s.day === today)?.score;
    if (current === undefined) return [];
    const before = a.scores.filter((s) => s.day < today && s.day >= today - p.days).map((s) => s.score);
    const peak = before.length ? Math.max(...before) : current;
    const below = p.threshold !== undefined && current < p.threshold;
    const fell = p.delta !== undefined && peak - current >= p.delta;
    if (!below && !fell) return [];
    return [
      {
        subject: { accountId: a.accountId },
        periodKey: `day:${isoDay(today)}`,
        details: {
          score: current,
          peak,
          threshold: p.threshold ?? null,
          delta: p.delta ?? null,
          days: p.days,
        },
      },
    ];
  });
}
