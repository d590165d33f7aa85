import { type BoundQuery, EVENT_PERSON, personOf } from '@bindery/event-queries';

/*
 * What the rules' accounts read from ClickHouse (each rule kind's own queries are in kinds/, health's in
 * health.query.ts). A user is a person: the user id, or the anonymous id of a visitor without one, merged
 * by identity links (docs/analytics.md, People).
 */

/** The account each user acted in last, for signals about users (the account's CSM gets the task). */
export function accountsOfUsersQuery(
  projectId: string,
  users: string[],
): BoundQuery<{ user: string; account: string }> {
  return {
    query: `SELECT ${personOf('user_id')} AS user, argMax(account_id, last_seen) AS account
FROM activity_daily
WHERE project_id = {projectId:UUID} AND account_id != '' AND user IN {users:Array(String)}
GROUP BY user`,
    params: { projectId, users },
  };
}

/**
 * The subjects (`user:<id>`, `account:<id>`) with an action received since `sinceMs`, late ones for old days
 * included: the only ones whose open signals of an activity-cleared rule can have cleared since then.
 */
export function activeSinceQuery(
  projectId: string,
  sinceMs: number,
): BoundQuery<{ users: string[]; accounts: string[] }> {
  return {
    query: `SELECT groupUniqArray(concat('user:', ${EVENT_PERSON})) AS users,
    groupUniqArrayIf(concat('account:', account_id), account_id != '') AS accounts
FROM events
WHERE project_id = {projectId:UUID} AND type IN ('track', 'page', 'screen')
  AND received_at >= fromUnixTimestamp64Milli({sinceMs:Int64})`,
    params: { projectId, sinceMs },
  };
}
