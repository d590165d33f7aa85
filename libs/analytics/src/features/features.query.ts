import { type FeatureQuery } from '@bindery/contracts';
import { type BoundQuery } from '../query/bound-query';
import { type DayRange } from '../query/days';

const subjectColumn = (q: FeatureQuery) => (q.aggregateBy === 'account' ? 'account_id' : 'user_id');
const inDays = `project_id = {projectId:UUID} AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})`;

/** Per feature: its subjects, those who used it on two or more days, and those who left it but stayed. */
export function featureUsageQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT feature, count() AS subjects, countIf(repeated) AS repeaters,
    countIf(last_active >= last_used + {abandonDays:UInt32}) AS abandoned
FROM (
  SELECT feature, ${s} AS subject, min(day) < max(day) AS repeated, max(day) AS last_used
  FROM feature_daily
  WHERE ${inDays} AND ${s} != ''
  GROUP BY feature, subject
) AS u
LEFT JOIN (
  SELECT ${s} AS subject, max(day) AS last_active
  FROM activity_daily
  WHERE ${inDays} AND ${s} != ''
  GROUP BY subject
) AS a USING (subject)
GROUP BY feature
ORDER BY subjects DESC, feature
LIMIT 500`,
    params: { projectId, first: days.first, last: days.last, abandonDays: q.abandonDays },
  };
}

/** Subjects with any action on the days. */
export function activeSubjectsQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT uniqExact(${s}) AS active FROM activity_daily WHERE ${inDays} AND ${s} != ''`,
    params: { projectId, first: days.first, last: days.last },
  };
}

/** Each feature's first use on the days (epoch ms). */
export function firstUsesQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT feature, toUnixTimestamp64Milli(min(first_used)) AS first
FROM feature_daily
WHERE ${inDays} AND ${s} != ''
GROUP BY feature`,
    params: { projectId, first: days.first, last: days.last },
  };
}
