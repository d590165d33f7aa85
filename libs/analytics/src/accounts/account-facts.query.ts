import { type BoundQuery, personOf } from '@bindery/event-queries';

/**
 * The one row of {@link accountFactsQuery}: a column an array, index i of each about the same account. One row
 * of arrays, not a row an account: 100,000 rows cost a second of JSON, the same values as arrays a fraction.
 */
export interface AccountFactsRow {
  ids: string[];
  /** A trait's stored JSON text; '' when the account has no such trait. */
  names: string[];
  csms: string[];
  mrrs: string[];
  /** The last action on or before D, in epoch milliseconds; 0 when there is none. */
  last_seen: number[];
}

/** The one row of {@link accountActivityFactsQuery}, as arrays (see {@link AccountFactsRow}). */
export interface AccountActivityFactsRow {
  ids: string[];
  active7: number[];
  active30: number[];
  /** Actions on D−6..D, and on D−27..D−7 (the three weeks before). */
  last_week: number[];
  prior_weeks: number[];
}

/**
 * Every known account (from actions or group traits, as {@link accountIdsQuery} knows them) with its `name`,
 * `csm_email` and `mrr` traits (newest value of each) and its last action on or before D: what the ranked list
 * filters and sorts by, and what the overview counts (an account active on D, D−6..D, D−29..D is one whose last
 * action on or before D falls there), without the 90 days of activity a summary reads. By id, which spares the
 * ranking's ties comparing ids.
 */
export function accountFactsQuery(projectId: string, asOfDay: number): BoundQuery<AccountFactsRow> {
  return {
    query: `SELECT groupArray(id) AS ids, groupArray(name) AS names, groupArray(csm) AS csms, groupArray(mrr) AS mrrs,
    groupArray(last_seen) AS last_seen
FROM (
  SELECT if(a.id != '', a.id, t.id) AS id, t.name AS name, t.csm AS csm, t.mrr AS mrr, a.last_seen AS last_seen
  FROM (
    SELECT account_id AS id,
      toUnixTimestamp64Milli(maxIf(last_seen, day <= toDate({asOfDay:UInt32}))) AS last_seen
    FROM activity_daily
    WHERE project_id = {projectId:UUID} AND account_id != ''
    GROUP BY account_id
  ) AS a
  FULL OUTER JOIN (
    SELECT subject_id AS id,
      argMaxIf(value, updated_at, key = 'name') AS name,
      argMaxIf(value, updated_at, key = 'csm_email') AS csm,
      argMaxIf(value, updated_at, key = 'mrr') AS mrr
    FROM traits
    WHERE project_id = {projectId:UUID} AND kind = 'account'
    GROUP BY subject_id
  ) AS t ON t.id = a.id
  ORDER BY id
)
SETTINGS join_use_nulls = 0`,
    params: { projectId, asOfDay },
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
    query: `SELECT groupArray(id) AS ids, groupArray(active7) AS active7, groupArray(active30) AS active30,
    groupArray(last_week) AS last_week, groupArray(prior_weeks) AS prior_weeks
FROM (
  SELECT account_id AS id,
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
  GROUP BY account_id
)`,
    params: { projectId, asOfDay },
  };
}
