/**
 * Report ranges as the date range picker states them: whole local days of the project's time zone, from a
 * preset or a custom from–to, turned into the API's `from`/`to` instants; and the period just before, of the
 * same length, to compare with.
 */

export const LAST_DAYS = [7, 14, 30, 60, 90] as const;
export type LastDays = (typeof LAST_DAYS)[number];
export const MONTHS = ['this-month', 'last-month'] as const;
export type Month = (typeof MONTHS)[number];

/** What the picker holds: the last N days (today included), a calendar month, or custom dates (inclusive). */
export type RangeChoice =
  { kind: 'last'; days: LastDays } | { kind: Month } | { kind: 'custom'; from: string; to: string };

/** Local days as 'YYYY-MM-DD', both ends included. */
export interface DayInterval {
  first: string;
  last: string;
}

/** A report's range for the API: local midnights as ISO instants, `to` exclusive. */
export interface ApiRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The API refuses longer ranges (MAX_RANGE_DAYS). */
export const MAX_DAYS = 400;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export const isDate = (value: string | null): value is string =>
  value !== null &&
  DATE.test(value) &&
  Number.isFinite(dayNumber(value)) &&
  dateOf(dayNumber(value)) === value;

/** The calendar date (YYYY-MM-DD) in the zone at instant `ms`. */
export function dateIn(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(ms);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The first instant of a local date in the zone: its midnight, or when the clocks skip it the instant they land. */
export function startOfDate(date: string, timeZone: string): number {
  const utcMidnight = dayNumber(date) * DAY_MS;
  // The zone's offset near that midnight, read from its clock; then corrected once for a change in between.
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(ms);
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - ms;
  };
  const guess = utcMidnight - offsetAt(utcMidnight);
  const start = utcMidnight - offsetAt(guess);
  return dateIn(start, timeZone) === date ? start : guess;
}

/** The local days a choice covers on `today` (the zone's current date). */
export function intervalOf(choice: RangeChoice, today: string): DayInterval {
  const t = dayNumber(today);
  switch (choice.kind) {
    case 'last':
      return { first: dateOf(t - choice.days + 1), last: today };
    case 'this-month':
      return { first: `${today.slice(0, 7)}-01`, last: today };
    case 'last-month': {
      const lastOfPrevious = dayNumber(`${today.slice(0, 7)}-01`) - 1;
      return { first: `${dateOf(lastOfPrevious).slice(0, 7)}-01`, last: dateOf(lastOfPrevious) };
    }
    case 'custom':
      return { first: choice.from, last: choice.to };
  }
}

/** Days in an interval, both ends counted. */
export const lengthOf = (interval: DayInterval) => dayNumber(interval.last) - dayNumber(interval.first) + 1;

/** The interval of the same length that ends the day before this one starts. */
export function previousOf(interval: DayInterval): DayInterval {
  const first = dayNumber(interval.first);
  const length = lengthOf(interval);
  return { first: dateOf(first - length), last: dateOf(first - 1) };
}

/** The API range of local days: from the first's midnight to the midnight after the last, in the zone. */
export function apiRangeOf(interval: DayInterval, timeZone: string): ApiRange {
  return {
    from: new Date(startOfDate(interval.first, timeZone)).toISOString(),
    to: new Date(startOfDate(dateOf(dayNumber(interval.last) + 1), timeZone)).toISOString(),
  };
}

/**
 * The choice in a page's URL: `days=N`, `range=this-month|last-month`, or `from` and `to` dates (in order, at
 * most {@link MAX_DAYS} days); anything else is the page's default of the last `fallback` days.
 */
export function choiceFromParams(params: URLSearchParams, fallback: LastDays): RangeChoice {
  const from = params.get('from');
  const to = params.get('to');
  if (isDate(from) && isDate(to) && from <= to && lengthOf({ first: from, last: to }) <= MAX_DAYS) {
    return { kind: 'custom', from, to };
  }
  const month = MONTHS.find((m) => m === params.get('range'));
  if (month) return { kind: month };
  const days = LAST_DAYS.find((d) => String(d) === params.get('days'));
  return { kind: 'last', days: days ?? fallback };
}

/** The URL keys of a choice (null removes a key); the page's default leaves the URL bare. */
export function choiceToParams(choice: RangeChoice, fallback: LastDays): Record<string, string | null> {
  const none = { days: null, range: null, from: null, to: null };
  switch (choice.kind) {
    case 'last':
      return { ...none, days: choice.days === fallback ? null : String(choice.days) };
    case 'custom':
      return { ...none, from: choice.from, to: choice.to };
    default:
      return { ...none, range: choice.kind };
  }
}
