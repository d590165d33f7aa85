import { type BoundQuery, personOf } from '@bindery/event-queries';

/** A row of {@link accountSummariesQuery}. */
export interface AccountSummaryRow {
  id: string;
  users: number;
  active7: number;
  active30: number;
  last_seen: number;
  weekly: number[];
}

const ACCOUNT_DAYS = `project_id = {projectId:UUID} AND account_id != '' AND day <= toDate({asOfDay:UInt32})`;

/** Known accounts (from actions or group traits) after `after`, by id: one more than the page. */
export function accountIdsQuery(
  projectId: string,
  limit: number,
  after: string | undefined,
): BoundQuery<{ id: string }> {
  return {
    query: `SELECT id FROM (
  SELECT DISTINCT account_id AS id FROM activity_daily WHERE project_id = {projectId:UUID} AND account_id != ''
  UNION DISTINCT
  SELECT DISTINCT subject_id AS id FROM traits WHERE project_id = {projectId:UUID} AND kind = 'account'
)
WHERE id > {after:String}
ORDER BY id
LIMIT {limit:UInt32}`,
    params: { projectId, after: after ?? '', limit: limit + 1 },
  };
}

/** One row per account, person and day up to `asOfDay`: the day's distinct actions and the last one's time. */
const userDays = `SELECT account_id, ${personOf('user_id')} AS person, day, uniqExactMerge(events) AS n,
    max(last_seen) AS seen
  FROM activity_daily
  WHERE ${ACCOUNT_DAYS} AND account_id IN {ids:Array(String)}
  GROUP BY account_id, person, day`;

/** Users, active users, last seen and eight weekly action counts per account, up to day D = asOfDay. */
export function accountSummariesQuery(
  projectId: string,
  ids: string[],
  asOfDay: number,
): BoundQuery<AccountSummaryRow> {
  const weeks = Array.from(
    { length: 8 },
    (_, i) =>
      `sumIf(n, day > toDate({asOfDay:UInt32}) - ${7 * (8 - i)} AND day <= toDate({asOfDay:UInt32}) - ${7 * (7 - i)})`,
  );
  return {
    query: `SELECT account_id AS id,
    uniqExactIf(person, day > toDate({asOfDay:UInt32}) - 90) AS users,
    uniqExactIf(person, day > toDate({asOfDay:UInt32}) - 7) AS active7,
    uniqExactIf(person, day > toDate({asOfDay:UInt32}) - 30) AS active30,
    toUnixTimestamp64Milli(max(seen)) AS last_seen,
    [${weeks.join(',\n      ')}] AS weekly
FROM (${userDays})
GROUP BY account_id`,
    params: { projectId, ids, asOfDay },
  };
}

/** An account's actions and active users per day, D−29..D. */
export function accountDailyQuery(
  projectId: string,
  accountId: string,
  asOfDay: number,
): BoundQuery<{ day_number: number; events: number; users: number }> {
  return {
    query: `SELECT toUInt32(day) AS day_number, sum(n) AS events, uniqExact(person) AS users
FROM (${userDays})
WHERE day > toDate({asOfDay:UInt32}) - 30
GROUP BY day`,
    params: { projectId, ids: [accountId], asOfDay },
  };
}

/** The account's members (users active D−89..D) with their last action and their actions over D−29..D. */
export function accountMembersQuery(
  projectId: string,
  accountId: string,
  asOfDay: number,
): BoundQuery<{ id: string; last_seen: number; events30d: number }> {
  return {
    query: `SELECT person AS id, toUnixTimestamp64Milli(max(seen)) AS last_seen,
    sumIf(n, day > toDate({asOfDay:UInt32}) - 30) AS events30d
FROM (${userDays})
WHERE day > toDate({asOfDay:UInt32}) - 90
GROUP BY person
ORDER BY last_seen DESC, id
LIMIT 1000`,
    params: { projectId, ids: [accountId], asOfDay },
  };
}

/** Features the account used over D−29..D: distinct uses, users, last use. */
export function accountFeaturesQuery(
  projectId: string,
  accountId: string,
  asOfDay: number,
): BoundQuery<{ feature: string; uses: number; users: number; last_used: number }> {
  return {
    query: `SELECT feature, sum(uses) AS uses, uniqExact(person) AS users, toUnixTimestamp64Milli(max(last)) AS last_used
FROM (
  SELECT feature, ${personOf('user_id')} AS person, day, uniqExactMerge(uses) AS uses, max(last_used) AS last
  FROM feature_daily
  WHERE project_id = {projectId:UUID} AND account_id = {accountId:String}
    AND day <= toDate({asOfDay:UInt32}) AND day > toDate({asOfDay:UInt32}) - 30
  GROUP BY feature, person, day
)
GROUP BY feature
ORDER BY uses DESC, feature`,
    params: { projectId, accountId, asOfDay },
  };
}
