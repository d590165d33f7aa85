import { DAY_MS, dayStart, type Range } from './range';

/** Whole UTC days, as day numbers since 1970-01-01, for reports read from the daily rollups. */
export interface DayRange {
  first: number;
  last: number;
}

/** The days from the one holding `from` to the one holding the last millisecond before `to`. */
export const daysOf = (range: Range): DayRange => ({
  first: dayStart(range.from) / DAY_MS,
  last: dayStart(range.to - 1) / DAY_MS,
});
