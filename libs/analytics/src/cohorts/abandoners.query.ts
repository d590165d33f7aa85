import { type BoundQuery, dailySource, type DayRange, zoneParams } from '@bindery/event-queries';
import { subjectColumn, subjectSql } from '../features/features.query';

/**
 * The subjects the feature report counts as a feature's `abandoned`: their last use of it on the days was on
 * day L, and they had an action on one of the days at least `abandonDays` after L. Days are those of
 * `timeZone`, as in the report. In id order, at most `limit`.
 */
export function featureAbandonersQuery(
  projectId: string,
  q: { feature: string; aggregateBy: 'user' | 'account'; abandonDays: number },
  days: DayRange,
  limit: number,
  timeZone: string,
): BoundQuery<{ subject: string }> {
  const s = subjectSql(q);
  const where = `project_id = {projectId:UUID} AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32}) AND ${subjectColumn(q)} != ''`;
  return {
    query: `SELECT subject
FROM (
  SELECT ${s} AS subject, max(day) AS last_use FROM ${dailySource('feature_daily', timeZone)}
  WHERE ${where} AND feature = {feature:String}
  GROUP BY subject
) AS u
INNER JOIN (
  SELECT ${s} AS subject, max(day) AS last_active FROM ${dailySource('activity_daily', timeZone)}
  WHERE ${where}
  GROUP BY subject
) AS a USING (subject)
WHERE a.last_active >= u.last_use + {abandonDays:UInt32}
ORDER BY subject
LIMIT {limit:UInt32}`,
    params: {
      projectId,
      first: days.first,
      last: days.last,
      feature: q.feature,
      abandonDays: q.abandonDays,
      limit,
      ...zoneParams(timeZone),
    },
  };
}
