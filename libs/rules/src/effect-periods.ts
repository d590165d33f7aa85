import { type EffectInterval } from '@bindery/contracts';
import { DAY_MS } from './detection';

/** One period of a series: [from, to) in epoch ms. */
export interface EffectRange {
  from: number;
  to: number;
}

/** The start of the period after the one holding `ms`. */
function nextStart(ms: number, interval: EffectInterval): number {
  const d = new Date(ms);
  if (interval === 'month') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: (weekday + 6) % 7 counts the days since Monday.
  const sinceMonday = (d.getUTCDay() + 6) % 7;
  return day + (7 - sinceMonday) * DAY_MS;
}

/**
 * [from, to) cut at each week's or month's start: the first and last periods are clipped to the range, so that
 * the periods cover it exactly, each signal falling in one.
 */
export function effectPeriods(from: number, to: number, interval: EffectInterval): EffectRange[] {
  const periods: EffectRange[] = [];
  for (let start = from; start < to;) {
    const end = Math.min(to, nextStart(start, interval));
    periods.push({ from: start, to: end });
    start = end;
  }
  return periods;
}
