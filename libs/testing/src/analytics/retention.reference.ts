import {
  type Aggregation,
  type EventRow,
  type RetentionQuery,
  type RetentionResult,
} from '@bindery/contracts';
import { DAY_MS, actionsOf, dayOf, dayString, mondayOf, parseRange, subjectOf } from './common.reference';

/** A retention query whose defaulted fields may be left out. */
export type RetentionInput = Omit<RetentionQuery, 'period' | 'periods' | 'aggregateBy'> & {
  period?: 'day' | 'week';
  periods?: number;
  aggregateBy?: Aggregation;
};

/** The retention report: cohorts by the period of each subject's first `startEvent` ever. */
export function referenceRetention(
  events: EventRow[],
  projectId: string,
  q: RetentionInput,
): RetentionResult {
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
    for (let i = 1; i <= periods; i++) {
      const begin = (start + i * length) * DAY_MS;
      if (begin >= to) {
        returned.push(null);
        continue;
      }
      const end = Math.min(begin + length * DAY_MS, to);
      const back = new Set(
        returns
          .filter((r) => members.has(r.subject) && r.time >= begin && r.time < end)
          .map((r) => r.subject),
      );
      returned.push(back.size);
    }
    cohorts.push({ start: dayString(start), size: members.size, returned });
  }
  return { period, cohorts };
}
