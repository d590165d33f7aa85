import { type ClickHouseClient } from '@clickhouse/client';

/** The columns the generated events set; the others (retain_until) keep their defaults. */
const COLUMNS = `project_id, event_id, type, event, feature, timestamp, received_at, user_id, anonymous_id, account_id,
  session_id, properties, context, traits, library_name, library_version, source`;

/**
 * Generated usage at benchmark scale, written by ClickHouse itself (INSERT … SELECT FROM numbers): 10 events
 * per session, sessions spread over `days` days and 100k users in 2k accounts; a session walks through
 * consecutive event names e0..e39 with skips, so funnels over e0..e4 convert at every step; a third of the
 * events name a feature of their own (feature-0..29); accounts have a plan property.
 */
const GENERATE = `INSERT INTO events (${COLUMNS})
SELECT
  toUUID({project:String}) AS project_id,
  toString(generateUUIDv4(number + {seed:UInt64})) AS event_id,
  'track' AS type,
  concat('e', toString((sipHash64(intDiv(number, 10), {seed:UInt64}) + number % 10 + (sipHash64(number, 1) % 4 = 0)) % 40)) AS event,
  if(sipHash64(number, 5) % 3 = 0, concat('feature-', toString(sipHash64(number, 6) % 30)), event) AS feature,
  fromUnixTimestamp64Milli(toInt64({start:Int64} + sipHash64(intDiv(number, 10), 2, {seed:UInt64}) % {spanMs:UInt64}
    + number % 10 * (sipHash64(number, 3) % 120000))) AS timestamp,
  if({receivedAt:Int64} = 0, timestamp, fromUnixTimestamp64Milli({receivedAt:Int64})) AS received_at,
  concat('u', toString(sipHash64(intDiv(number, 10), 4, {seed:UInt64}) % 100000)) AS user_id,
  '' AS anonymous_id,
  concat('a', toString(sipHash64(user_id) % 2000)) AS account_id,
  '' AS session_id,
  concat('{"plan":"', ['free', 'pro', 'team'][1 + sipHash64(account_id) % 3], '"}') AS properties,
  '{}' AS context, '{}' AS traits, 'bench' AS library_name, '1' AS library_version, 'segment' AS source
FROM numbers({events:UInt64})`;

/** Each of the 2k accounts with an MRR trait (a long tail: a few large accounts, many small). */
const ACCOUNT_TRAITS = `INSERT INTO traits (project_id, kind, subject_id, key, value, updated_at)
SELECT toUUID({project:String}), 'account', concat('a', toString(number)), 'mrr',
  toString(intDiv(100000, number + 1) + 50), fromUnixTimestamp64Milli({start:Int64})
FROM numbers(2000)`;

export interface BenchEventsOptions {
  projectId: string;
  events: number;
  /** Epoch ms of the first day. */
  start: number;
  days: number;
  /** Varies the event ids and sessions, so that a second batch adds new events. */
  seed?: number;
  /** Epoch ms at which the events arrived (a later batch arrives after an evaluation); default: their time. */
  receivedAt?: number;
}

/** Writes generated events (and, with the first batch, account MRR traits) for a benchmark. */
export async function generateBenchEvents(client: ClickHouseClient, o: BenchEventsOptions): Promise<void> {
  const params = {
    project: o.projectId,
    start: o.start,
    spanMs: o.days * 86_400_000,
    events: o.events,
    seed: o.seed ?? 0,
    receivedAt: o.receivedAt ?? 0,
  };
  await client.command({ query: GENERATE, query_params: params });
  if (!o.seed) await client.command({ query: ACCOUNT_TRAITS, query_params: params });
}

/**
 * A copy of a project's events under another project in which a fifth of the users (by a hash of their id)
 * sent half of their events anonymously, as `anon-<user id>`, and an identify at some time in the span links
 * that anonymous id to them: 20 % of the people are merged from anonymous ids.
 */
const COPY_MERGED = `INSERT INTO events (${COLUMNS})
SELECT toUUID({to:String}), event_id, type, event, feature, timestamp, received_at,
  if(anon, '', user_id), if(anon, concat('anon-', user_id), ''), account_id, session_id, properties, context,
  traits, library_name, library_version, source
FROM (
  SELECT *, sipHash64(user_id, 7) % 5 = 0 AND sipHash64(event_id) % 2 = 0 AS anon
  FROM events
  WHERE project_id = toUUID({from:String})
)`;

const IDENTIFY_MERGED = `INSERT INTO events (${COLUMNS})
SELECT toUUID({to:String}), toString(generateUUIDv4(number)), 'identify', '$identify', '',
  fromUnixTimestamp64Milli(toInt64({start:Int64} + sipHash64(number, 8) % {spanMs:UInt64})) AS at, at,
  concat('u', toString(number)) AS user, concat('anon-', user), '', '', '{}', '{}', '{}', 'bench', '1', 'segment'
FROM numbers(100000)
WHERE sipHash64(user, 7) % 5 = 0`;

/** Writes {@link COPY_MERGED} and its identify calls: the merged-people copy of a benchmark project. */
export async function copyBenchEventsMerged(
  client: ClickHouseClient,
  o: { from: string; to: string; start: number; days: number },
): Promise<void> {
  const params = { from: o.from, to: o.to, start: o.start, spanMs: o.days * 86_400_000 };
  await client.command({ query: COPY_MERGED, query_params: params });
  await client.command({ query: IDENTIFY_MERGED, query_params: params });
}
