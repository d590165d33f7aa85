import { DEFAULT_TIME_ZONE } from '@bindery/contracts';
import { type DayRange } from './days';
import { DAY_MS, type Range } from './range';
import { ACTIONS } from './subjects';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds the zone's clocks are ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  const local = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return local - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The local calendar day holding `ms` in the zone, as a day number since 1970-01-01. */
export const zonedDay = (ms: number, timeZone: string): number =>
  Math.floor((ms + offsetAt(ms, timeZone)) / DAY_MS);

/** The first instant (epoch ms) of local day `day` in the zone: its midnight, or the first instant after it. */
export function zonedDayStart(day: number, timeZone: string): number {
  const guess = day * DAY_MS - offsetAt(day * DAY_MS, timeZone);
  const start = day * DAY_MS - offsetAt(guess, timeZone);
  // A midnight the clocks skip: the day starts when they land after it.
  return zonedDay(start, timeZone) === day ? start : guess;
}

/** The local days of the zone from the one holding `from` to the one holding the last millisecond before `to`. */
export const zonedDaysOf = (range: Range, timeZone: string): DayRange => ({
  first: zonedDay(range.from, timeZone),
  last: zonedDay(range.to - 1, timeZone),
});

/** A daily rollup table, by its columns. */
export type DailyRollup = 'activity_daily' | 'feature_daily';

/**
 * A daily rollup for the days of a zone. The rollups hold UTC days: in UTC the table itself; in another zone the
 * same columns computed from the events by local day (`{tz:String}` bound), a scan the rollups otherwise spare.
 * Reports that read it bind `tz` with {@link zoneParams}.
 */
export function dailySource(table: DailyRollup, timeZone: string): string {
  if (timeZone === DEFAULT_TIME_ZONE) return table;
  const person = `if(user_id != '', user_id, anonymous_id) AS user_id`;
  const day = 'toDate(timestamp, {tz:String}) AS day';
  return table === 'activity_daily'
    ? `(SELECT project_id, ${day}, account_id, ${person} FROM events WHERE ${ACTIONS})`
    : `(SELECT project_id, feature, ${day}, account_id, ${person}, timestamp AS first_used FROM events WHERE feature != '')`;
}

/** The `tz` parameter of a query that reads {@link dailySource} (none in UTC, which reads the rollups). */
export const zoneParams = (timeZone: string): { tz?: string } =>
  timeZone === DEFAULT_TIME_ZONE ? {} : { tz: timeZone };
