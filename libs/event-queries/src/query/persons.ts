import { type BoundQuery } from './bound-query';
import { type QueryRunner } from './query-runner';

/**
 * The calls that link ids (docs/analytics.md, People): each identify and alias call with a user id, as the id
 * it links (empty if none) and the user id, from `identity_links` (ClickHouse migration 0006), which a view
 * fills from events: the id joining the person is the anonymous id of an identify (Segment, RudderStack,
 * PostHog's `$identify` with `$anon_distinct_id`) or the `previousId` of an alias (Segment, RudderStack,
 * PostHog's `$create_alias`).
 */
const IDENTITY_CALLS = `SELECT from_id, to_id, timestamp FROM identity_links WHERE project_id = {projectId:UUID}`;

/** The ids that are known users: the user id of any identify or alias call. */
const KNOWN_USERS = `SELECT to_id FROM identity_links WHERE project_id = {projectId:UUID}`;

/**
 * Each merged id with the person it joins, in one read of the calls: each call states that its user id is
 * known (an empty link) and, when it links another id, that id's link. An id all of whose facts are links is
 * not a known user, and joins the user of its earliest link (time, then the smaller user id).
 */
const merges = (
  value: (column: string) => string,
) => `SELECT (groupArray(${value('id')}), groupArray(${value('person')})) FROM (
    SELECT fact.1 AS id, argMin(fact.2, (timestamp, fact.2)) AS person
    FROM (${IDENTITY_CALLS})
    ARRAY JOIN if(from_id != '' AND from_id != to_id, [(from_id, to_id), (to_id, '')], [(to_id, '')]) AS fact
    GROUP BY id
    HAVING min(fact.2 != '') = 1
  )`;
const MERGES = merges((column) => column);
/** {@link MERGES} as 64-bit hashes of the ids and persons. */
const MERGED_KEYS = merges((column) => `cityHash64(${column})`);

/**
 * The person id of a stored id, as SQL: `idSql` is any expression holding a user id or an anonymous id (the
 * events' `if(user_id != '', user_id, anonymous_id)`, a rollup's `user_id` column, a bound `{id:String}`).
 * An anonymous id that a link merged into a known user gives that user's id; every other id is its own
 * person. Links apply to all of the project's events, also those sent before the link.
 *
 * The query must bind `{projectId:UUID}`. The links are read once per query (ClickHouse computes an
 * identical scalar subquery once), however often the expression appears in it. This is the one place that
 * states the merge rules in SQL; the brute-force reference (libs/testing, persons.reference.ts) states them
 * again independently.
 */
export function personOf(idSql: string): string {
  return `transform(${idSql}, (${MERGES}).1, (${MERGES}).2, ${idSql})`;
}

/**
 * The person of a stored id as a number: `cityHash64` of the person id that {@link personOf} gives, computed
 * without making the person id. For queries that count or group people and never name them: grouping by a
 * number costs less than by a string, and looking a number up in the links less than a string. Two people
 * share a key with a probability of about n²/2⁶⁵ (10⁻⁶ for ten million people).
 */
export function personKeyOf(idSql: string): string {
  return `transform(cityHash64(${idSql}), (${MERGED_KEYS}).1, (${MERGED_KEYS}).2, cityHash64(${idSql}))`;
}

/** The id an event row was stored under: its user id, else its anonymous id. */
export const STORED_ID = `if(user_id != '', user_id, anonymous_id)`;

/** The person of an event row: its user id, else its anonymous id, resolved by {@link personOf}. */
export const EVENT_PERSON = personOf(STORED_ID);

/** {@link EVENT_PERSON} as a number, by {@link personKeyOf}. */
export const EVENT_PERSON_KEY = personKeyOf(STORED_ID);

/** Why a link did not merge its id into the user's person. */
export type NotMergedReason =
  /** The id is itself a known user id: two known users are never merged. */
  | 'known_user'
  /** The anonymous id was linked to another user first, and stays that user's. */
  | 'linked_to_another_user';

/** A link between an id and a user id, merged or refused. */
export interface IdentityLink {
  /** The id that joins a person: an anonymous id, an alias's previous id. */
  id: string;
  /** The user id it was linked to. */
  userId: string;
  /** Epoch ms of the earliest call making this link. */
  linkedAt: number;
  merged: boolean;
  /** Why it was not merged (null when merged). */
  reason: NotMergedReason | null;
  /** For `linked_to_another_user`: the user whose person the id belongs to. */
  mergedInto: string | null;
}

/** The links that involve any of `ids` (as the linked id or the user id), merged or refused, oldest first. */
export function identityLinksQuery(projectId: string, ids: string[]): BoundQuery {
  return {
    query: `SELECT from_id AS id, to_id AS userId, toUnixTimestamp64Milli(first) AS linkedAt,
  from_id IN (${KNOWN_USERS}) AS known, ${personOf('from_id')} AS person
FROM (
  SELECT from_id, to_id, min(timestamp) AS first
  FROM (${IDENTITY_CALLS})
  WHERE from_id != '' AND from_id != to_id
  GROUP BY from_id, to_id
)
WHERE from_id IN {ids:Array(String)} OR to_id IN {ids:Array(String)}
ORDER BY first, id, userId`,
    params: { projectId, ids },
  };
}

interface LinkRow {
  id: string;
  userId: string;
  linkedAt: number;
  known: number;
  person: string;
}

/** A person's ids and the links that were refused, for a person's page and for deleting a person. */
export interface PersonIdentity {
  /** The person id: the known user id, or the id of an anonymous visitor no link merged. */
  personId: string;
  /** Every id whose events count for the person, the person id first. */
  ids: string[];
  /** Links that involve the person's ids but did not merge, each with its reason. */
  notMerged: IdentityLink[];
}

/** Resolves any stored id (user id or anonymous id) to its person id. */
export async function resolvePerson(runner: QueryRunner, projectId: string, id: string): Promise<string> {
  const [row] = await runner.rows<{ person: string }>({
    query: `SELECT ${personOf('{id:String}')} AS person`,
    params: { projectId, id },
  });
  return row?.person ?? id;
}

/**
 * The person that any stored id belongs to, with all of that person's ids and the refused links touching
 * them. An id no event or link names is a person of its own with that one id (callers decide whether it
 * exists).
 */
export async function personIdentity(
  runner: QueryRunner,
  projectId: string,
  id: string,
): Promise<PersonIdentity> {
  const personId = await resolvePerson(runner, projectId, id);
  const rows = await runner.rows<LinkRow>(identityLinksQuery(projectId, [personId]));
  const merged = rows.filter((r) => r.person === personId && r.id !== personId).map((r) => r.id);
  const ids = [personId, ...new Set(merged)];
  const mine = new Set(ids);
  const more = ids.length > 1 ? await runner.rows<LinkRow>(identityLinksQuery(projectId, ids)) : rows;
  const notMerged = more
    .filter((r) => !(r.person === r.userId && !r.known) && (mine.has(r.id) || mine.has(r.userId)))
    .map((r): IdentityLink => ({
      id: r.id,
      userId: r.userId,
      linkedAt: Number(r.linkedAt),
      merged: false,
      reason: r.known ? 'known_user' : 'linked_to_another_user',
      mergedInto: r.known ? null : r.person,
    }));
  return { personId, ids, notMerged };
}
