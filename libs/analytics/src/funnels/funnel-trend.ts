import { type FunnelTrendInterval, type FunnelTrendPoint } from '@bindery/contracts';
import { DAY_MS, isoDay, type Paths, type Range, zonedDay, zonedDayStart } from '@bindery/event-queries';

/** The day number of the Monday of the week holding `day` (1970-01-01, day 0, was a Thursday). */
const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/**
 * Conversion over time: each subject that reached step 1 counts once, in the period (a day, or a Monday week, of
 * `timeZone`) holding its best path's step 1, and converts when it reached the last step. The periods run from
 * the one holding `from` to the one holding the last millisecond before `to`; an unordered path whose step-1
 * action lies after `to` (its window opened at another step) counts in the last. The sums are the funnel's
 * first and last counts. A period is complete once the window of its last possible entrant (one at its end, or
 * at `to`) had ended by `now`.
 */
export function funnelTrend(
  parts: Paths[],
  range: Range,
  interval: FunnelTrendInterval,
  timeZone: string,
  { windowMs, now }: { windowMs: number; now: number },
): FunnelTrendPoint[] {
  const length = interval === 'day' ? 1 : 7;
  const periodOf = (day: number) => (interval === 'day' ? day : mondayOf(day));
  const first = periodOf(zonedDay(range.from, timeZone));
  const count = (periodOf(zonedDay(range.to - 1, timeZone)) - first) / length + 1;
  const starts = Array.from({ length: count }, (_, i) => zonedDayStart(first + i * length, timeZone));
  const entered = new Array<number>(count).fill(0);
  const converted = new Array<number>(count).fill(0);
  for (const { steps, reach, times } of parts) {
    reach.forEach((reached, s) => {
      if (reached === 0) return;
      const at = range.from + (times[s * steps] ?? 0);
      // The last period starting at or before `at`, by bisection: one zone conversion per period, not per subject.
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if ((starts[mid] ?? Infinity) <= at) low = mid;
        else high = mid - 1;
      }
      entered[low] = (entered[low] ?? 0) + 1;
      if (reached === steps) converted[low] = (converted[low] ?? 0) + 1;
    });
  }
  return starts.map((_, i) => {
    const e = entered[i] ?? 0;
    const c = converted[i] ?? 0;
    const end = Math.min(starts[i + 1] ?? range.to, range.to);
    return {
      start: isoDay((first + i * length) * DAY_MS),
      entered: e,
      converted: c,
      conversion: e === 0 ? 0 : c / e,
      complete: end + windowMs <= now,
    };
  });
}
