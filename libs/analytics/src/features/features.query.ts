import { type FeatureQuery } from '@bindery/contracts';
import { type BoundQuery, type DayRange } from '@bindery/event-queries';

const subjectColumn = (q: FeatureQuery) => (q.aggregateBy === 'account' ? 'account_id' : 'user_id');
const inDays = `project_id = {projectId:UUID} AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})`;

/**
 * Per feature (by `toString(cityHash64(feature))`): its subjects, those who used it on two or more days, and
 * those whose last use was `abandonDays` or more before their last action. Features and subjects are grouped
 * by 64-bit hashes: grouping millions of (feature, subject) pairs by strings costs twice as much, and a
 * collision among 10^5 subjects has a chance near 10^-10.
 */
export function featureUsageQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT toString(f) AS f, count() AS subjects, countIf(repeated) AS repeaters,
    countIf(last_active >= last_used + {abandonDays:UInt32}) AS abandoned
FROM (
  SELECT cityHash64(feature) AS f, sipHash64(${s}) AS h, min(day) < max(day) AS repeated, max(day) AS last_used
  FROM feature_daily
  WHERE ${inDays} AND ${s} != ''
  GROUP BY f, h
) AS u
LEFT JOIN (
  SELECT sipHash64(${s}) AS h, max(day) AS last_active
  FROM activity_daily
  WHERE ${inDays} AND ${s} != ''
  GROUP BY h
) AS a USING (h)
GROUP BY f`,
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

/** Each feature's name, hash (as {@link featureUsageQuery} keys it) and first use on the days (epoch ms). */
export function firstUsesQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT feature, toString(cityHash64(feature)) AS f, toUnixTimestamp64Milli(min(first_used)) AS first
FROM feature_daily
WHERE ${inDays} AND ${s} != ''
GROUP BY feature`,
    params: { projectId, first: days.first, last: days.last },
  };
}

/** Subjects per feature in each 7-day span counted back from the last day (`ago` 0 ends with it). */
export function weeklyUsersQuery(projectId: string, q: FeatureQuery, days: DayRange): BoundQuery {
  const s = subjectColumn(q);
  return {
    query: `SELECT toString(cityHash64(feature)) AS f, intDiv(toUInt32(toDate({last:UInt32})) - toUInt32(day), 7) AS ago,
    uniqExact(${s}) AS subjects
FROM feature_daily
WHERE ${inDays} AND ${s} != ''
GROUP BY f, ago`,
    params: { projectId, first: days.first, last: days.last },
  };
}
