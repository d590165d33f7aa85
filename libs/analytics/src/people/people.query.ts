import { inPartition } from '@bindery/clickhouse';
import { type BoundQuery, personOf, STORED_ID } from '@bindery/event-queries';
import { type Cursor } from '../explorer/event-list.query';

/*
 * A person's rows are those whose stored id (STORED_ID) is one of the person's ids (which the identity links
 * give, `personIdentity`): testing the stored id against that list reads no links, so a deletion's mutation
 * holds no subquery.
 */

export interface PeoplePageFilters {
  search?: string;
  accountId?: string;
  /** The last id of the previous page. */
  after?: string;
  limit: number;
}

/**
 * People by id after `after`, one more than the page: those with an action (in the account, with `accountId`)
 * and, without `accountId`, those known only from their traits. `search` matches part of the id or of the
 * email or name trait, in any case.
 */
export function personIdsQuery(projectId: string, f: PeoplePageFilters): BoundQuery {
  const params: Record<string, unknown> = { projectId, after: f.after ?? '', limit: f.limit + 1 };
  const known = [
    `SELECT DISTINCT ${personOf('user_id')} AS id FROM activity_daily
    WHERE project_id = {projectId:UUID}${f.accountId === undefined ? '' : ' AND account_id = {accountId:String}'}`,
  ];
  if (f.accountId === undefined) {
    known.push(
      `SELECT DISTINCT subject_id AS id FROM traits WHERE project_id = {projectId:UUID} AND kind = 'user'`,
    );
  } else {
    params.accountId = f.accountId;
  }
  const where = [`id != ''`, 'id > {after:String}'];
  if (f.search !== undefined) {
    params.search = f.search;
    where.push(`(positionCaseInsensitiveUTF8(id, {search:String}) > 0 OR id IN (
    SELECT subject_id FROM traits
    WHERE project_id = {projectId:UUID} AND kind = 'user' AND key IN ('email', 'name')
      AND positionCaseInsensitiveUTF8(value, {search:String}) > 0
  ))`);
  }
  return {
    query: `SELECT id FROM (
  ${known.join('\n  UNION DISTINCT\n  ')}
)
WHERE ${where.join('\n  AND ')}
ORDER BY id
LIMIT {limit:UInt32}`,
    params,
  };
}

/** Per person (their ids merged): first and last action, the accounts acted in, the actions (each event once). */
export function personActivityQuery(projectId: string, ids: readonly string[]): BoundQuery {
  return {
    query: `SELECT person AS id,
    toUnixTimestamp64Milli(min(first)) AS first_seen,
    toUnixTimestamp64Milli(max(last)) AS last_seen,
    arraySort(groupUniqArrayIf(account_id, account_id != '')) AS accounts,
    sum(n) AS events
FROM (
  SELECT ${personOf('user_id')} AS person, account_id, day, uniqExactMerge(events) AS n,
    min(first_seen) AS first, max(last_seen) AS last
  FROM activity_daily
  WHERE project_id = {projectId:UUID} AND person IN {ids:Array(String)}
  GROUP BY person, account_id, day
)
GROUP BY person`,
    params: { projectId, ids },
  };
}

/**
 * The person's events (of any of their ids), newest first, keyset-paged; one more row than the page.
 *
 * Each event once, as `events` holds it after its merges (a retried event's copies share the sorting key and
 * one is kept: the last received), without FINAL: FINAL merges every granule of the days the person's rows
 * lie in, 0.5–2.8 s on 10 M events, where picking among the person's own rows takes 0.1–0.6 s. The copy is
 * picked before the cursor applies, so that two copies whose clock-corrected times differ never land on two
 * pages; and among the keys only (id, times, name), so that a person with millions of events sorts those, not
 * their properties: the page's rows are read after, by their keys.
 */
export function personEventsQuery(
  projectId: string,
  ids: readonly string[],
  limit: number,
  cursor: Cursor | undefined,
): BoundQuery {
  const params: Record<string, unknown> = { projectId, ids, limit: limit + 1 };
  let after = '';
  if (cursor !== undefined) {
    after =
      '\n    WHERE (timestamp, event_id) < (fromUnixTimestamp64Milli({cursorTs:Int64}), {cursorId:String})';
    params.cursorTs = cursor.timestamp;
    params.cursorId = cursor.eventId;
  }
  const theirs = `project_id = {projectId:UUID} AND ${STORED_ID} IN {ids:Array(String)}`;
  const oneCopy = 'LIMIT 1 BY toDate(timestamp), event, event_id';
  return {
    query: `SELECT event_id, type, event, feature,
    toUnixTimestamp64Milli(timestamp) AS ts, toUnixTimestamp64Milli(received_at) AS received,
    user_id, anonymous_id, account_id, session_id, properties, context, traits,
    library_name, library_version, source
FROM events
WHERE ${theirs}
  AND (event_id, received_at, timestamp) IN (
    SELECT event_id, received_at, timestamp
    FROM (
      SELECT event_id, event, timestamp, received_at
      FROM events
      WHERE ${theirs}
      ORDER BY received_at DESC, timestamp DESC
      ${oneCopy}
    )${after}
    ORDER BY timestamp DESC, event_id DESC
    LIMIT {limit:UInt32}
  )
ORDER BY timestamp DESC, event_id DESC
${oneCopy}
LIMIT {limit:UInt32}`,
    params,
  };
}

/** Whether the person has any event or trait stored: `n` is 0 for nobody. */
export function personKnownQuery(projectId: string, ids: readonly string[]): BoundQuery {
  return {
    query: `SELECT (SELECT count() FROM events WHERE project_id = {projectId:UUID} AND ${STORED_ID} IN {ids:Array(String)})
  + (SELECT count() FROM traits WHERE project_id = {projectId:UUID} AND kind = 'user' AND subject_id IN {ids:Array(String)}) AS n`,
    params: { projectId, ids },
  };
}

/** Every stored trait value of the person, oldest first, with the time it was set (not only the newest). */
export function personTraitHistoryQuery(projectId: string, ids: readonly string[]): BoundQuery {
  return {
    query: `SELECT DISTINCT key, value, toUnixTimestamp64Milli(updated_at) AS updated
FROM traits
WHERE project_id = {projectId:UUID} AND kind = 'user' AND subject_id IN {ids:Array(String)}
ORDER BY updated, key, value`,
    params: { projectId, ids },
  };
}

/** Every value of trait `key` the person's traits and events held, as raw JSON text or plain text. */
export function personTraitValuesQuery(
  projectId: string,
  ids: readonly string[],
  key: 'email' | 'name',
): BoundQuery<{ value: string }> {
  return {
    query: `SELECT DISTINCT value FROM (
  SELECT value FROM traits
  WHERE project_id = {projectId:UUID} AND kind = 'user' AND subject_id IN {ids:Array(String)} AND key = {key:String}
  UNION ALL
  SELECT JSONExtractRaw(traits, {key:String}) AS value FROM events
  WHERE project_id = {projectId:UUID} AND ${STORED_ID} IN {ids:Array(String)} AND JSONHas(traits, {key:String})
)
WHERE value != ''`,
    params: { projectId, ids, key },
  };
}

/** A table that holds a person's rows, and which of its rows are theirs. */
export interface PersonTable {
  table: string;
  where: string;
  /** What the deletion counts of it: events once each however many copies are stored, else rows. */
  count: string;
}

/**
 * Where a person's rows are in ClickHouse: their events, their user traits, the rollups' rows of them (one
 * row per person, day and account, so deleting those rows takes out exactly their share) and the identity
 * links of their calls.
 */
export const PERSON_TABLES: readonly PersonTable[] = [
  { table: 'events', where: `${STORED_ID} IN {ids:Array(String)}`, count: 'uniqExact(event_id)' },
  { table: 'traits', where: `kind = 'user' AND subject_id IN {ids:Array(String)}`, count: 'count()' },
  { table: 'activity_daily', where: 'user_id IN {ids:Array(String)}', count: 'count()' },
  { table: 'feature_daily', where: 'user_id IN {ids:Array(String)}', count: 'count()' },
  // The links of the person's own identify and alias calls, as their events go (those are stored under the
  // call's user id).
  { table: 'identity_links', where: 'to_id IN {ids:Array(String)}', count: 'count()' },
];

/** How many of the person's events or rows a table holds (`n`), and the partitions that hold them. */
export function personRowsQuery(projectId: string, ids: readonly string[], t: PersonTable): BoundQuery {
  return {
    query: `SELECT ${t.count} AS n, groupUniqArray(_partition_id) AS partitions FROM ${t.table}
WHERE project_id = {projectId:UUID} AND ${t.where}`,
    params: { projectId, ids },
  };
}

/**
 * Deletes the person's rows of a table, on every replica before it returns. On a cluster the mutation runs on
 * each shard's local table; the Distributed table has no rows of its own. With `partitionId` (as
 * `_partition_id` names it) it reads and rewrites that partition's parts only; a mutation of the whole table
 * reads every part of every project.
 */
export function deletePersonRowsStatement(
  projectId: string,
  ids: readonly string[],
  t: PersonTable,
  cluster: string | undefined,
  partitionId?: string,
): BoundQuery {
  const target = cluster ? `${t.table}_local ON CLUSTER ${cluster}` : t.table;
  return {
    query: `ALTER TABLE ${target} DELETE${inPartition(partitionId)} WHERE project_id = {projectId:UUID} AND ${t.where}`,
    params: { projectId, ids },
  };
}

/** Accounts whose traits the person's group calls set: their traits are rebuilt without those calls. */
export function personGroupAccountsQuery(projectId: string, ids: readonly string[]): BoundQuery {
  return {
    query: `SELECT DISTINCT account_id FROM events
WHERE project_id = {projectId:UUID} AND type = 'group' AND account_id != '' AND traits != '{}'
  AND ${STORED_ID} IN {ids:Array(String)}`,
    params: { projectId, ids },
  };
}

/** Deletes the accounts' traits (to be written again by {@link rebuildAccountTraitsStatement}). */
export function deleteAccountTraitsStatement(
  projectId: string,
  accounts: readonly string[],
  cluster: string | undefined,
): BoundQuery {
  const target = cluster ? `traits_local ON CLUSTER ${cluster}` : 'traits';
  return {
    query: `ALTER TABLE ${target} DELETE
WHERE project_id = {projectId:UUID} AND kind = 'account' AND subject_id IN {accounts:Array(String)}`,
    params: { projectId, accounts },
  };
}

/**
 * Writes the accounts' traits again, as `traits_mv` derives them, from their group calls but the person's:
 * the accounts' current traits are then what they would be had the person never sent anything.
 */
export function rebuildAccountTraitsStatement(
  projectId: string,
  ids: readonly string[],
  accounts: readonly string[],
): BoundQuery {
  return {
    query: `INSERT INTO traits (project_id, kind, subject_id, key, value, updated_at, retain_until)
SELECT project_id, 'account', account_id, kv.1, kv.2, timestamp, retain_until
FROM events
ARRAY JOIN JSONExtractKeysAndValuesRaw(traits) AS kv
WHERE project_id = {projectId:UUID} AND type = 'group' AND account_id IN {accounts:Array(String)}
  AND traits != '{}' AND NOT (${STORED_ID} IN {ids:Array(String)})`,
    params: { projectId, ids, accounts },
  };
}
