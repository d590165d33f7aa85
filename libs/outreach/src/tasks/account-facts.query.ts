import { type BoundQuery, type TraitRow } from '@bindery/event-queries';

/** The account traits a task card shows and the task list orders by. */
export const FACT_TRAITS = ['name', 'mrr'];

/** The current `name` and `mrr` traits of these accounts, one row per account and trait (raw JSON values). */
export function accountFactsQuery(projectId: string, accountIds: string[]): BoundQuery<TraitRow> {
  return {
    query: `SELECT subject_id, key, argMax(value, updated_at) AS value
FROM traits
WHERE project_id = {projectId:UUID} AND kind = 'account' AND subject_id IN {accountIds:Array(String)}
  AND key IN {keys:Array(String)}
GROUP BY subject_id, key`,
    params: { projectId, accountIds, keys: FACT_TRAITS },
  };
}

/** The accounts whose current `name` trait holds `text` (any case), by id, at most `limit`. */
export function accountsNamedQuery(
  projectId: string,
  text: string,
  limit: number,
): BoundQuery<{ id: string }> {
  return {
    query: `SELECT subject_id AS id
FROM traits
WHERE project_id = {projectId:UUID} AND kind = 'account' AND key = 'name'
GROUP BY subject_id
HAVING positionCaseInsensitiveUTF8(JSONExtractString(argMax(value, updated_at)), {text:String}) > 0
ORDER BY id
LIMIT {limit:UInt32}`,
    params: { projectId, text, limit },
  };
}

/** 1 if the project knows the account (from its actions or its group traits), else 0. */
export function accountKnownQuery(projectId: string, accountId: string): BoundQuery<{ known: number }> {
  return {
    query: `SELECT toUInt8(count() > 0) AS known
FROM (
  (SELECT 1 FROM activity_daily WHERE project_id = {projectId:UUID} AND account_id = {accountId:String} LIMIT 1)
  UNION ALL
  (SELECT 1 FROM traits WHERE project_id = {projectId:UUID} AND kind = 'account' AND subject_id = {accountId:String} LIMIT 1)
)`,
    params: { projectId, accountId },
  };
}
