import { InvalidInput, MAX_RANGE_DAYS } from '@bindery/contracts';

export const DAY_MS = 86_400_000;

/** A checked [from, to) range in epoch milliseconds. */
export interface Range {
  from: number;
  to: number;
}

/** Parses and checks a report's range: `to` after `from`, at most MAX_RANGE_DAYS long. */
export function parseRange(q: { from: string; to: string }): Range {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(to > from)) throw InvalidInput('to must be after from', { from: q.from, to: q.to });
  if (to - from > MAX_RANGE_DAYS * DAY_MS) {
    throw InvalidInput(`the range may span at most ${MAX_RANGE_DAYS} days`, { from: q.from, to: q.to });
  }
  return { from, to };
}

/** Midnight UTC of the day holding `ms`. */
export const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** 'YYYY-MM-DD' of the UTC day holding `ms`. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
