import { type RuleScope } from '@bindery/contracts';
import { ACTIONS, type BoundQuery, uniqueActions } from '@bindery/event-queries';
import { type DayWindow } from '@bindery/rules';

/**
 * What each rule reads from ClickHouse: the daily rollups for the days the rule looks at (never all events
 * for all time), bound by day numbers (days since 1970-01-01). A user is the user id, or the anonymous id of
 * a visitor without one, as the rollups store it.
 */
const column = (scope: RuleScope) => (scope === 'account' ? 'account_id' : 'user_id');
const days = `day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})`;

/** The actions of accounts on the days in `dayFilter` (on `day`), each event once. */
const accountActions = (dayFilter: string) => uniqueActions(`account_id != '' AND ${dayFilter}`);
/** The rollup's (account, user, day) keys in `dayFilter`: who was active when, without reading its sets. */
const accountUsers = (dayFilter: string) => `SELECT account_id, user_id, day
    FROM activity_daily
    WHERE project_id = {projectId:UUID} AND account_id != '' AND ${dayFilter}`;

/** Each subject's last day with an action (or one of `keyEvents`) in the window. */
export function lastActiveQuery(
  projectId: string,
  scope: RuleScope,
  window: DayWindow,
  keyEvents?: string[],
): BoundQuery {
  if (keyEvents) {
    const subject = scope === 'account' ? 'account_id' : `if(user_id != '', user_id, anonymous_id)`;
    return {
      query: `SELECT ${subject} AS subject, toUInt32(toDate(max(timestamp))) AS last_day
FROM events
WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND event IN {keyEvents:Array(String)}
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})
GROUP BY subject
HAVING subject != ''`,
      params: {
        projectId,
        keyEvents,
        fromMs: window.firstDay * 86_400_000,
        toMs: (window.lastDay + 1) * 86_400_000,
      },
    };
  }
  const s = column(scope);
  return {
    query: `SELECT ${s} AS subject, toUInt32(max(day)) AS last_day
FROM activity_daily
WHERE project_id = {projectId:UUID} AND ${s} != '' AND ${days}
GROUP BY subject`,
    params: { projectId, ...window },
  };
}

/** Each account's actions (or active users) per day in the window, as [day, value] pairs. */
export function dailyUsageQuery(
  projectId: string,
  metric: 'events' | 'active_users',
  window: DayWindow,
): BoundQuery {
  const [value, rows] =
    metric === 'events' ? ['count()', accountActions(days)] : ['uniqExact(user_id)', accountUsers(days)];
  return {
    query: `SELECT account_id, groupArray((toUInt32(day), value)) AS days
FROM (
  SELECT account_id, day, ${value} AS value
  FROM (
    ${rows}
  )
  GROUP BY account_id, day
)
GROUP BY account_id`,
    params: { projectId, ...window },
  };
}

/** Each subject's uses of a feature in the window, its last use and its last action of any kind. */
export function featureUsageQuery(
  projectId: string,
  scope: RuleScope,
  feature: string,
  window: DayWindow,
): BoundQuery {
  const s = column(scope);
  return {
    query: `SELECT subject, uses, last_use, last_active
FROM (
  SELECT ${s} AS subject, sum(n) AS uses, toUInt32(max(day)) AS last_use
  FROM (
    SELECT ${s}, day, uniqExactMerge(uses) AS n
    FROM feature_daily
    WHERE project_id = {projectId:UUID} AND feature = {feature:String} AND ${s} != '' AND ${days}
    GROUP BY ${s}, day
  )
  GROUP BY subject
) AS u
INNER JOIN (
  SELECT ${s} AS subject, toUInt32(max(day)) AS last_active
  FROM activity_daily
  WHERE project_id = {projectId:UUID} AND ${s} != '' AND ${days}
  GROUP BY subject
) AS a USING (subject)`,
    params: { projectId, feature, ...window },
  };
}

/** Subjects first seen (ever) on days firstDay..lastDay, and whether they have used the feature since. */
export function adoptionQuery(
  projectId: string,
  scope: RuleScope,
  feature: string,
  window: DayWindow,
): BoundQuery {
  const s = column(scope);
  return {
    query: `SELECT ${s} AS subject, toUInt32(min(day)) AS first_day,
    subject IN (
      SELECT ${s} FROM feature_daily WHERE project_id = {projectId:UUID} AND feature = {feature:String}
    ) AS used
FROM activity_daily
WHERE project_id = {projectId:UUID} AND ${s} != ''
GROUP BY subject
HAVING first_day >= {firstDay:UInt32} AND first_day <= {lastDay:UInt32}`,
    params: { projectId, feature, ...window },
  };
}

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

/**
 * What account health is computed from, for accounts active in the 90 days up to `today`: last day seen,
 * users active in 30 and 90 days, actions in the last 7 days and the weekly average of the 28 before, and
 * how many key features each used in 30 days: the project's own list, or its 10 most used (by users, over
 * 30 days).
 */
export function healthInputsQuery(projectId: string, today: number, keyFeatures?: string[]): BoundQuery {
  const keys = keyFeatures
    ? '{keyFeatures:Array(String)}'
    : `(
      SELECT feature FROM feature_daily
      WHERE project_id = {projectId:UUID} AND day > toDate({today:UInt32}) - 30 AND day <= toDate({today:UInt32})
      GROUP BY feature ORDER BY uniqExact(user_id) DESC, feature LIMIT 10
    )`;
  return {
    query: `SELECT u.account_id AS account_id, u.last_day AS last_day, u.active30 AS active30, u.users90 AS users90,
    e.events7 AS events7, e.baseline7 AS baseline7, f.key_features AS key_features
FROM (
  SELECT account_id, toUInt32(max(day)) AS last_day,
    uniqExactIf(user_id, day > toDate({today:UInt32}) - 30) AS active30,
    uniqExact(user_id) AS users90
  FROM (
    ${accountUsers('day > toDate({today:UInt32}) - 90 AND day <= toDate({today:UInt32})')}
  )
  GROUP BY account_id
) AS u
LEFT JOIN (
  SELECT account_id, countIf(day > toDate({today:UInt32}) - 7) AS events7,
    countIf(day <= toDate({today:UInt32}) - 7) / 4 AS baseline7
  FROM (
    ${accountActions('day > toDate({today:UInt32}) - 35 AND day <= toDate({today:UInt32})')}
  )
  GROUP BY account_id
) AS e USING (account_id)
LEFT JOIN (
  SELECT account_id, uniqExact(feature) AS key_features
  FROM feature_daily
  WHERE project_id = {projectId:UUID} AND account_id != ''
    AND day > toDate({today:UInt32}) - 30 AND day <= toDate({today:UInt32})
    AND feature IN ${keys}
  GROUP BY account_id
) AS f USING (account_id)`,
    params: { projectId, today, ...(keyFeatures ? { keyFeatures } : {}) },
  };
}

/** How many features count as key for health: the project's most used, at most 10. */
export function keyFeatureCountQuery(projectId: string, today: number): BoundQuery {
  return {
    query: `SELECT least(10, uniqExact(feature)) AS n
FROM feature_daily
WHERE project_id = {projectId:UUID} AND day > toDate({today:UInt32}) - 30 AND day <= toDate({today:UInt32})`,
    params: { projectId, today },
  };
}

/** Each known account's MRR trait (`mrr` or `MRR`), as JSON text. */
export function mrrQuery(projectId: string): BoundQuery {
  return {
    query: `SELECT subject_id AS account_id, argMax(value, updated_at) AS mrr
FROM traits
WHERE project_id = {projectId:UUID} AND kind = 'account' AND key IN ('mrr', 'MRR')
GROUP BY account_id`,
    params: { projectId },
  };
}
