import { type ActivityQuery, type ActivityResult, type EventRow } from '@bindery/contracts';
import { actionsOf, dayString, parseRange, zonedDayOf } from './common.reference';

/** Daily, weekly and monthly active people, and the actions, for each day of the range in the time zone. */
export function referenceActivity(
  events: EventRow[],
  projectId: string,
  q: ActivityQuery,
  timeZone = 'UTC',
): ActivityResult {
  const { from, to } = parseRange(q);
  const dayOf = (ms: number) => zonedDayOf(ms, timeZone);
  const byDay = new Map<number, Set<string>>();
  const actionsByDay = new Map<number, number>();
  for (const a of actionsOf(events, projectId)) {
    if (q.accountId !== undefined && a.account !== q.accountId) continue;
    const day = dayOf(a.time);
    actionsByDay.set(day, (actionsByDay.get(day) ?? 0) + 1);
    if (a.person === '') continue;
    const set = byDay.get(day) ?? new Set<string>();
    set.add(a.person);
    byDay.set(day, set);
  }
  const activeIn = (first: number, last: number): number => {
    const union = new Set<string>();
    for (let d = first; d <= last; d++) for (const s of byDay.get(d) ?? []) union.add(s);
    return union.size;
  };

  const series: ActivityResult['series'] = [];
  for (let day = dayOf(from); day <= dayOf(to - 1); day++) {
    const dau = activeIn(day, day);
    const mau = activeIn(day - 29, day);
    series.push({
      day: dayString(day),
      dau,
      wau: activeIn(day - 6, day),
      mau,
      stickiness: mau === 0 ? 0 : dau / mau,
      events: actionsByDay.get(day) ?? 0,
    });
  }
  return { series };
}
