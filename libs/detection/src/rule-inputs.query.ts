import { type BoundQuery } from '@bindery/event-queries';

/*
 * What the rules' accounts read from ClickHouse (each rule kind's own queries are in kinds/, health's in
 * health.query.ts). A user is the user id, or the anonymous id of a visitor without one, as the rollups
 * store it.
 */

/** The account each user acted in last, for signals about users (the account's CSM gets the task). */
export function accountsOfUsersQuery(projectId: string, users: string[]): BoundQuery {
  return {
    query: `SELECT user_id AS user, argMax(account_id, last_seen) AS account
FROM activity_daily
WHERE project_id = {projectId:UUID} AND account_id != '' AND user_id IN {users:Array(String)}
GROUP BY user`,
    params: { projectId, users },
  };
}
