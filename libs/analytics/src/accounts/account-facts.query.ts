import { type BoundQuery, personOf } from '@bindery/event-queries';

/** A row of {@link accountTraitFactsQuery}: the traits the list sorts and filters by, as stored JSON text. */
export interface AccountTraitFactsRow {
  id: string;
  /** '' when the account has no such trait. */
  name: string;
  csm: string;
  mrr: string;
}

/** A row of {@link accountActivityFactsQuery}. */
export interface AccountActivityFactsRow {
  id: string;
  active7: number;
  active30: number;
  /** Actions on D−6..D, and on D−27..D−7 (the three weeks before). */
  last_week: number;
  prior_weeks: number;
}

/** Every known account (from actions or group traits), as {@link accountIdsQuery} knows them. */
const KNOWN_IDS = `SELECT DISTINCT account_id AS id FROM activity_daily WHERE project_id = {projectId:UUID} AND account_id != ''
  UNION DISTINCT
  SELECT DISTINCT subject_id AS id FROM traits WHERE project_id = {projectId:UUID} AND kind = 'account'`;

/**
 * Every known account with its `name`, `csm_email` and `mrr` traits (newest value of each): one narrow row an
 * account, the columns the ranked list filters and sorts by, without the 90 days of activity a summary reads.
 */
export function accountTraitFactsQuery(projectId: string): BoundQuery<AccountTraitFactsRow> {
  return {
    query: `SELECT k.id AS id, t.name AS name, t.csm AS csm, t.mrr AS mrr
FROM (${KNOWN_IDS}) AS k
LEFT JOIN (
  SELECT subject_id,
    argMaxIf(value, updated_at, key = 'name') AS name,
    argMaxIf(value, updated_at, key = 'csm_email') AS csm,
    argMaxIf(value, updated_at, key = 'mrr') AS mrr
  FROM traits
  WHERE project_id = {projectId:UUID} AND kind = 'account' AND key IN ('name', 'csm_email', 'mrr')
  GROUP BY subject_id
) AS t ON t.subject_id = k.id
SETTINGS join_use_nulls = 0`,
    params: { projectId },
  };
}

/**
 * Active users over D−6..D and D−29..D and the actions of the last four weeks, for every account with an
 * action in D−29..D, as {@link accountSummariesQuery} counts them for one page; only when the list sorts by them.
 */
export function accountActivityFactsQuery(
  projectId: string,
  asOfDay: number,
): BoundQuery<AccountActivityFactsRow> {
  return {
    query: `SELECT account_id AS id,
    uniqExactIf(person, day > toDate({asOfDay:UInt32}) - 7) AS active7,
    uniqExact(person) AS active30,
    sumIf(n, day > toDate({asOfDay:UInt32}) - 7) AS last_week,
    sumIf(n, day > toDate({asOfDay:UInt32}) - 28 AND day <= toDate({asOfDay:UInt32}) - 7) AS prior_weeks
FROM (
  SELECT account_id, ${personOf('user_id')} AS person, day, uniqExactMerge(events) AS n
  FROM activity_daily
  WHERE project_id = {projectId:UUID} AND account_id != ''
    AND day <= toDate({asOfDay:UInt32}) AND day > toDate({asOfDay:UInt32}) - 30
  GROUP BY account_id, person, day
)
GROUP BY account_id`,
    params: { projectId, asOfDay },
  };
}

/** Each account's last action on or before D, for every account with one; only when the list sorts by it. */
export function accountLastSeenQuery(
  projectId: string,
  asOfDay: number,
): BoundQuery<{ id: string; last_seen: number }> {
  return {
    query: `SELECT account_id AS id, toUnixTimestamp64Milli(max(last_seen)) AS last_seen
FROM activity_daily
WHERE project_id = {projectId:UUID} AND account_id != '' AND day <= toDate({asOfDay:UInt32})
GROUP BY account_id`,
    params: { projectId, asOfDay },
  };
}

/** Every known account, and those with an action on D, on D−6..D and on D−29..D. */
export function accountActivityCountsQuery(
  projectId: string,
  asOfDay: number,
): BoundQuery<{ total: number; today: number; week: number; month: number }> {
  return {
    query: `SELECT
    (SELECT count() FROM (${KNOWN_IDS})) AS total,
    uniqExactIf(account_id, day = toDate({asOfDay:UInt32})) AS today,
    uniqExactIf(account_id, day > toDate({asOfDay:UInt32}) - 7) AS week,
    uniqExact(account_id) AS month
FROM activity_daily
WHERE project_id = {projectId:UUID} AND account_id != ''
  AND day <= toDate({asOfDay:UInt32}) AND day > toDate({asOfDay:UInt32}) - 30`,
    params: { projectId, asOfDay },
  };
}
