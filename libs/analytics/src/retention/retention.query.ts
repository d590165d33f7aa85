import { type RetentionQuery } from '@bindery/contracts';
import { ACTIONS, type BoundQuery, subjectOf } from '@bindery/event-queries';

/**
 * Cohorts by the period of each subject's first `startEvent` ever (from `cohortsFrom`, before `to`), with
 * the periods after it in which the subject performed `returnEvent`. Periods are days or Monday weeks of the
 * time zone.
 */
export function retentionQuery(
  projectId: string,
  q: RetentionQuery,
  range: { cohortsFrom: number; to: number },
  timeZone: string,
): BoundQuery<{ start: string; size: number; returned: number[] }> {
  const period = (t: string) =>
    q.period === 'day' ? `toDate(${t}, {tz:String})` : `toMonday(toDate(${t}, {tz:String}))`;
  const days = q.period === 'day' ? 1 : 7;
  const subject = subjectOf(q.aggregateBy);
  const base = `project_id = {projectId:UUID} AND ${ACTIONS} AND subject != ''`;
  return {
    query: `SELECT toString(cohort) AS start, count() AS size,
    sumForEach(arrayMap(i -> toUInt32(has(offsets, i)), range(1, {periods:UInt32} + 1))) AS returned
FROM (
  SELECT f.cohort AS cohort, arrayMap(p -> intDiv(dateDiff('day', f.cohort, p), ${days}), r.periods) AS offsets
  FROM (
    SELECT ${subject} AS subject, ${period('min(timestamp)')} AS cohort
    FROM events
    WHERE ${base} AND event = {startEvent:String}
    GROUP BY subject
    HAVING min(timestamp) >= fromUnixTimestamp64Milli({cohortsFrom:Int64})
      AND min(timestamp) < fromUnixTimestamp64Milli({to:Int64})
  ) AS f
  LEFT JOIN (
    SELECT ${subject} AS subject, groupUniqArray(${period('timestamp')}) AS periods
    FROM events
    WHERE ${base} AND event = {returnEvent:String}
      AND timestamp >= fromUnixTimestamp64Milli({cohortsFrom:Int64})
      AND timestamp < fromUnixTimestamp64Milli({to:Int64})
    GROUP BY subject
  ) AS r USING (subject)
)
GROUP BY cohort
ORDER BY cohort`,
    params: {
      projectId,
      startEvent: q.startEvent,
      returnEvent: q.returnEvent,
      periods: q.periods,
      cohortsFrom: range.cohortsFrom,
      to: range.to,
      tz: timeZone,
    },
  };
}
