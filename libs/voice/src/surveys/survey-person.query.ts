import { type BoundQuery } from '@bindery/event-queries';

/** The account a person acted for most recently; no row for a person never seen with one. */
export function personAccountQuery(projectId: string, userId: string): BoundQuery {
  return {
    query: `SELECT argMax(account_id, last_seen) AS account
FROM activity_daily
WHERE project_id = {projectId:UUID} AND user_id = {userId:String} AND account_id != ''
HAVING count() > 0`,
    params: { projectId, userId },
  };
}

/** How many times a person used each of the given features, all time. */
export function personFeatureUsesQuery(projectId: string, userId: string, features: string[]): BoundQuery {
  return {
    query: `SELECT feature, toUInt64(uniqExactMerge(uses)) AS uses
FROM feature_daily
WHERE project_id = {projectId:UUID} AND feature IN {features:Array(String)} AND user_id = {userId:String}
GROUP BY feature`,
    params: { projectId, userId, features },
  };
}
