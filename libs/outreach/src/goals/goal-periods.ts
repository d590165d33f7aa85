import { type GoalCadence } from '@bindery/contracts';

/** A goal's period, [start, end) in epoch ms: a week from Monday 00:00 UTC, or a UTC calendar month. */
export interface GoalPeriod {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** The start of the period `steps` periods after (or, negative, before) the one starting at `start`. */
function shift(start: number, cadence: GoalCadence, steps: number): number {
  if (cadence === 'weekly') return start + steps * 7 * DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + steps, 1);
}

/** The period holding the instant `t`. */
export function periodOf(t: number, cadence: GoalCadence): GoalPeriod {
  let start: number;
  if (cadence === 'weekly') {
    const day = Math.floor(t / DAY_MS);
    // 1970-01-01 was a Thursday: days since the Monday before it, modulo 7.
    start = (day - ((((day + 3) % 7) + 7) % 7)) * DAY_MS;
  } else {
    const d = new Date(t);
    start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  return { start, end: shift(start, cadence, 1) };
}

/** The period `steps` periods after (negative: before) `period`. */
export function periodAfter(period: GoalPeriod, cadence: GoalCadence, steps = 1): GoalPeriod {
  const start = shift(period.start, cadence, steps);
  return { start, end: shift(start, cadence, 1) };
}

/** At most this many periods are caught up at once: a goal's history keeps the newest two years of weeks. */
export const MAX_CATCH_UP = 104;

/**
 * The periods of a goal to snapshot at `now`: each that has ended, from the last one that had ended when the goal
 * was created (a new goal starts with a baseline) or the one after the newest snapshotted (`lastStart`),
 * whichever is later, oldest first; the newest {@link MAX_CATCH_UP} when more are due.
 */
export function periodsDue(
  createdAt: number,
  now: number,
  cadence: GoalCadence,
  lastStart: number | undefined,
): GoalPeriod[] {
  const baseline = periodAfter(periodOf(createdAt, cadence), cadence, -1);
  let next =
    lastStart !== undefined && lastStart >= baseline.start
      ? periodAfter({ start: lastStart, end: shift(lastStart, cadence, 1) }, cadence)
      : baseline;
  const newest = periodAfter(periodOf(now, cadence), cadence, -1);
  if (next.start > newest.start) return [];
  const behind = Math.round((newest.start - next.start) / (7 * DAY_MS));
  if (cadence === 'weekly' && behind >= MAX_CATCH_UP) next = periodAfter(newest, cadence, 1 - MAX_CATCH_UP);
  const due: GoalPeriod[] = [];
  for (let p = next; p.start <= newest.start; p = periodAfter(p, cadence)) due.push(p);
  return due.slice(-MAX_CATCH_UP);
}
