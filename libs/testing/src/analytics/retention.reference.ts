import {
  type Aggregation,
  type EventRow,
  type RetentionQuery,
  type RetentionResult,
} from '@bindery/contracts';
import {
  actionsOf,
  dayString,
  mondayOf,
  parseRange,
  subjectOf,
  zonedDayOf,
  zonedDayStartOf,
} from './common.reference';

/** A retention query whose defaulted fields may be left out. */
export type RetentionInput = Omit<RetentionQuery, 'period' | 'periods' | 'aggregateBy'> & {
  period?: 'day' | 'week';
  periods?: number;
  aggregateBy?: Aggregation;
};

/**
 * The retention report: cohorts by the period (in the time zone) of each subject's first `startEvent` ever, and
 * the curve over them.
 */
export function referenceRetention(
  events: EventRow[],
  projectId: string,
  q: RetentionInput,
  timeZone = 'UTC',
): RetentionResult {
  const dayOf = (ms: number) => zonedDayOf(ms, timeZone);
  const midnight = (day: number) => zonedDayStartOf(day, timeZone);
  const period = q.period ?? 'week';
  const periods = q.periods ?? 12;
  const by = q.aggregateBy ?? 'user';
  const { from, to } = parseRange(q);
  const length = period === 'day' ? 1 : 7;
  const periodStart = (ms: number): number => (period === 'day' ? dayOf(ms) : mondayOf(dayOf(ms)));

  const firstStart = new Map<string, number>();
  const returns: { subject: string; time: number }[] = [];
  for (const a of actionsOf(events, projectId)) {
    const subject = subjectOf(a, by);
    if (subject === null) continue;
    if (a.event === q.startEvent) {
      const known = firstStart.get(subject);
      if (known === undefined || a.time < known) firstStart.set(subject, a.time);
    }
    if (a.event === q.returnEvent) returns.push({ subject, time: a.time });
  }

  const cohorts: RetentionResult['cohorts'] = [];
  for (let start = periodStart(from); start <= periodStart(to - 1); start += length) {
    const members = new Set(
      [...firstStart].filter(([, t]) => t < to && periodStart(t) === start).map(([s]) => s),
    );
    const returned: (number | null)[] = [];
    let ended = 0;
    for (let i = 1; i <= periods; i++) {
      const begin = midnight(start + i * length);
      if (begin >= to) {
        returned.push(null);
        continue;
      }
      if (midnight(start + (i + 1) * length) <= to) ended = i;
      const end = Math.min(midnight(start + (i + 1) * length), to);
      const back = new Set(
        returns
          .filter((r) => members.has(r.subject) && r.time >= begin && r.time < end)
          .map((r) => r.subject),
      );
      returned.push(back.size);
    }
    cohorts.push({ start: dayString(start), size: members.size, returned, ended });
  }
  // A period still in progress at `to` is left out of the curve.
  const curve: RetentionResult['curve'] = [];
  for (let i = 0; i <= periods; i++) {
    const over = cohorts.filter((c) => i <= c.ended);
    const subjects = over.reduce((sum, c) => sum + c.size, 0);
    const returned = over.reduce((sum, c) => sum + (i === 0 ? c.size : (c.returned[i - 1] ?? 0)), 0);
    curve.push({ period: i, subjects, returned, rate: subjects === 0 ? null : returned / subjects });
  }
  return { period, cohorts, curve };
}
