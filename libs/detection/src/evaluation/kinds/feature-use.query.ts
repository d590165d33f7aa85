import { type RuleScope } from '@bindery/contracts';
import { type BoundQuery } from '@bindery/event-queries';
import { rollupSubject } from './rule-kind';

/** For some subjects, their first and last day of use of a feature from `firstDay` on (today included). */
export function featureUsedSinceQuery(
  projectId: string,
  scope: RuleScope,
  feature: string,
  subjects: string[],
  firstDay: number,
): BoundQuery<{ subject: string; first_use: number; last_use: number }> {
  const s = rollupSubject(scope);
  return {
    query: `SELECT ${s} AS subject, toUInt32(min(day)) AS first_use, toUInt32(max(day)) AS last_use
FROM feature_daily
WHERE project_id = {projectId:UUID} AND feature = {feature:String} AND subject IN {subjects:Array(String)}
  AND day >= toDate({firstDay:UInt32})
GROUP BY subject`,
    params: { projectId, feature, subjects, firstDay },
  };
}
