import { setImmediate } from 'node:timers/promises';
import { type FunnelQuery } from '@bindery/contracts';
import { type BoundQuery, Params } from '../query/bound-query';
import { propertyFilterSql, propertyValueSql } from '../query/property-filter';
import { type QueryRunner } from '../query/query-runner';
import { RowBinaryReader } from '../query/row-binary';
import { type Range } from '../query/range';
import { EVENT_PERSON_KEY, STORED_ID } from '../query/persons';
import { ACTIONS, subjectOf } from '../query/subjects';
import { type FunnelShape, PathWalker, type Paths, type Sequences } from './funnel-paths';

/**
 * Each subject's actions, in the order the funnel semantics put them (docs/analytics.md), as milliseconds
 * since `from` and the set of steps each action matches. ClickHouse sorts; the walk over each sequence is
 * TypeScript (funnel-paths.ts), because an `arrayFold` over long sequences (an account's) costs seconds where
 * a loop costs milliseconds.
 *
 * The sort key is one UInt64: milliseconds since `from` (36 bits, enough for 490 days), the first step the
 * action matches (5 bits, 31 for none) and the set of steps it matches (20 bits); actions equal in all three
 * are interchangeable.
 */
const STEP_BITS = 0xfffff;
/** Where the time starts in a sort key. */
const TIME_SHIFT = 25;
/**
 * The sequences come back as a few rows of flat arrays, the subjects hashed into this many: one row per
 * subject costs more to parse in Node than the whole query costs ClickHouse, and a few rows keep each
 * one well under the longest string V8 will parse.
 */
const BUCKETS = 16;

/** How long a funnel walk holds the event loop at a time. */
const WALK_SLICE_MS = 10;

export type FunnelDefinition = Pick<FunnelQuery, 'steps' | 'windowSeconds' | 'order' | 'aggregateBy'>;

/** A row of {@link funnelSequencesQuery}: the sorted keys of some subjects laid end to end, `lengths[s]` each. */
export interface SequenceRow {
  value?: string | null;
  subjects?: string[];
  lengths: Uint32Array;
  /** The sort keys, each as its low and its high 32 bits. */
  keys: Uint32Array;
}

/** A key's high half, in units of the time's lowest bit. */
const HIGH_TIME = 2 ** (32 - TIME_SHIFT);

/**
 * The sequences of a row for the walk: each action's time and mask read from its sort key in Node (one pass of
 * a few milliseconds), where unpacking and converting the keys in ClickHouse cost about a seventh of the query.
 */
export function sequencesOf(row: SequenceRow): Sequences {
  const { lengths, keys } = row;
  const times = new Float64Array(keys.length / 2);
  const masks = new Uint32Array(keys.length / 2);
  for (let j = 0; j < times.length; j++) {
    const low = keys[2 * j]!;
    times[j] = keys[2 * j + 1]! * HIGH_TIME + (low >>> TIME_SHIFT);
    masks[j] = low & STEP_BITS;
  }
  return { lengths, times, masks };
}

export interface SequenceOptions {
  /** One row per value (and bucket), each subject tried once per value of its step-1 actions. */
  breakdown?: { property: string };
  /** Epoch ms: only subjects with a step action at or after it, those whose progress may have changed. */
  activeSince?: number;
  /** Whether rows name their subjects (only sequences otherwise: reports count, they do not list). */
  subjects?: boolean;
}

/** Masks: the set of steps an action matches (bit i for step i: its event, and its filter), as SQL. */
function stepMask(p: Params, steps: FunnelDefinition['steps']): string {
  return steps
    .map(
      (s, i) =>
        `toUInt64(event = ${p.bind(s.event, 'String')} AND ${propertyFilterSql(p, s.where)}) * ${2 ** i}`,
    )
    .join('\n          + ');
}

/** Sort key: an action's time since `from`, the first step it matches and its mask in one UInt64. */
const sortKey = (rel: string, mask: string) =>
  `bitOr(bitOr(bitShiftLeft(${rel}, ${TIME_SHIFT}), bitShiftLeft(toUInt64(if(${mask} = 0, 31, bitCount(bitXor(${mask}, ${mask} - 1)) - 1)), 20)), ${mask})`;

/**
 * Each subject's sort keys in order (per breakdown value of its step-1 actions, with a breakdown), less the
 * repeats of a retried event when `dedup`.
 */
function sortedKeys(breakdown: boolean, dedup: boolean): string {
  const sorted = (keyed: string) =>
    dedup ? `arrayMap(x -> x.1, arrayDistinct(arraySort(${keyed})))` : `arraySort(${keyed})`;
  if (!breakdown) {
    // Each key is made as its row is read, and sorted without a lambda.
    return sorted(dedup ? 'groupArray((key, id))' : 'groupArray(key)');
  }
  // A subject is tried once per value of its step-1 actions, step 1 matching that value only (values
  // wrapped in tuples, because arrayDistinct drops NULL): its keys are made per value.
  const marked = `arrayMap(e -> (e.1, bitOr(bitAnd(e.2, ${STEP_BITS - 1}), toUInt64(bitTest(e.2, 0) AND ifNull(e.3 = value, e.3 IS NULL AND value IS NULL)))${dedup ? ', e.4' : ''}), events)`;
  return sorted(
    `arrayMap(e -> ${dedup ? `(${sortKey('e.1', 'e.2')}, e.3)` : sortKey('e.1', 'e.2')}, ${marked})`,
  );
}

/**
 * Cut: the columns that keep of a sequence (`keys`) only the span from the first action that may open a path
 * to the window's end after the last one that can; nothing outside it is part of a path, and leaving it out
 * spares a third of the transfer and of the walk.
 */
function cutColumns(order: FunnelDefinition['order']): string {
  // Strict funnels read every action, but a run of actions that match no step breaks a path as one does.
  const sequence =
    order === 'strict'
      ? `arrayFilter((k, prev) -> bitAnd(k, ${STEP_BITS}) != 0 OR bitAnd(prev, ${STEP_BITS}) != 0, keys, arrayPushFront(arrayPopBack(keys), 1))`
      : 'keys';
  const opens = order === 'unordered' ? `bitAnd(k, ${STEP_BITS}) != 0` : 'bitTest(k, 0)';
  return `${sequence} AS whole,
      arrayFirstIndex(k -> ${opens}, whole) AS head,
      bitShiftRight(whole[arrayLastIndex(k -> ${opens} AND bitShiftRight(k, ${TIME_SHIFT}) < {toRel:Int64}, whole)], ${TIME_SHIFT})
        + {window:UInt64} AS horizon,
      arraySlice(whole, head, greatest(arrayLastIndex(k -> bitShiftRight(k, ${TIME_SHIFT}) <= horizon, whole) - head + 1, 0)) AS cut`;
}

/**
 * Packing: the columns of a row of {@link SequenceRow}, the sequences of the subjects of one bucket laid end
 * to end, typed for the RowBinary reader (queryFunnelPaths), in this order.
 */
function packedColumns(options: SequenceOptions): string[] {
  return [
    ...(options.breakdown ? ['CAST(value AS Nullable(String)) AS value'] : []),
    ...(options.subjects ? ['groupArray(subject) AS subjects'] : []),
    'groupArray(toUInt32(length(cut))) AS lengths',
    'groupArrayArray(cut) AS keys',
  ];
}

/**
 * The sequences of the subjects that may reach step 1, sorted, in a few rows (one per breakdown value): each
 * action's mask and sort key, each subject's keys sorted, cut to the span that can hold a path, then packed.
 */
export function funnelSequencesQuery(
  projectId: string,
  def: FunnelDefinition,
  range: Range,
  options: SequenceOptions = {},
): BoundQuery<SequenceRow> {
  const { breakdown, activeSince } = options;
  const n = def.steps.length;
  const window = def.windowSeconds * 1000;
  const p = new Params({
    projectId,
    from: range.from,
    until: range.to + window,
    toRel: range.to - range.from,
    window,
  });
  const mask = stepMask(p, def.steps);
  const where = [
    'project_id = {projectId:UUID}',
    ACTIONS,
    `${def.aggregateBy === 'account' ? 'account_id' : STORED_ID} != ''`,
    'timestamp >= fromUnixTimestamp64Milli({from:Int64})',
    'timestamp < fromUnixTimestamp64Milli({until:Int64})',
  ];
  if (def.order !== 'strict') {
    where.push(`event IN ${p.bind([...new Set(def.steps.map((s) => s.event))], 'Array(String)')}`);
  }
  // Only subjects that can reach step 1 are worth a walk: a step-1 action in range (any step, unordered).
  const canStart = def.order === 'unordered' ? `mask != 0` : `bitTest(mask, 0)`;
  // A retried event is a second row with the same id. It cannot change a funnel whose steps match disjoint
  // events unless the funnel is strict (it would stand between two steps), so only then is it worth removing.
  const dedup = def.order === 'strict' || new Set(def.steps.map((s) => s.event)).size < n;
  const keys = sortedKeys(breakdown !== undefined, dedup);
  // A report that only counts people groups them by a number; a list names them.
  const subject =
    def.aggregateBy === 'user' && !options.subjects ? EVENT_PERSON_KEY : subjectOf(def.aggregateBy);
  const row = [
    `${subject} AS subject`,
    `toUInt64(toUnixTimestamp64Milli(timestamp) - {from:Int64}) AS rel`,
    `${mask} AS mask`,
  ];
  // Only a step-1 action's value is ever read: the others are spared the JSON parse.
  if (breakdown) row.push(`if(bitTest(mask, 0), ${propertyValueSql(p, breakdown.property)}, NULL) AS value`);
  else row.push(`${sortKey('rel', 'mask')} AS key`);
  if (dedup) row.push('sipHash64(event_id) AS id');
  const query = `SELECT ${packedColumns(options).join(',\n  ')}
FROM (
    SELECT subject,${
      breakdown
        ? ` value,
      ${keys} AS keys,`
        : ''
    }
      ${cutColumns(def.order)}
    FROM (
      SELECT subject, ${breakdown ? `groupArray((rel, mask, value${dedup ? ', id' : ''})) AS events` : `${keys} AS keys`}
      FROM (
        SELECT ${row.join(',\n          ')}
        FROM events
        WHERE ${where.join('\n          AND ')}
      )
      GROUP BY subject
      HAVING countIf(${canStart} AND rel < {toRel:Int64}) > 0${
        activeSince === undefined
          ? ''
          : `\n        AND maxIf(rel, mask != 0) >= ${p.bind(Math.max(0, activeSince - range.from), 'UInt64')}`
      }
    )${breakdown ? `\n    ARRAY JOIN arrayMap(v -> v.1, arrayDistinct(arrayMap(e -> tuple(e.3), arrayFilter(e -> bitTest(e.2, 0), events)))) AS value` : ''}
)
GROUP BY ${breakdown ? 'value, ' : ''}sipHash64(subject) % ${BUCKETS}`;
  return { query, params: p.values };
}

/** The paths of a row's subjects, with the row's breakdown value and, when asked for, its subjects. */
export interface SubjectPaths extends Paths {
  value?: string | null;
  subjects?: string[];
}

/** Runs {@link funnelSequencesQuery} and walks each subject's sequence. */
export async function queryFunnelPaths(
  runner: QueryRunner,
  projectId: string,
  def: FunnelDefinition,
  range: Range,
  options: SequenceOptions = {},
): Promise<SubjectPaths[]> {
  const shape: FunnelShape = {
    steps: def.steps.length,
    order: def.order,
    windowMs: def.windowSeconds * 1000,
    toMs: range.to - range.from,
  };
  const reader = new RowBinaryReader(
    await runner.rowBinary(funnelSequencesQuery(projectId, def, range, options)),
  );
  const paths: SubjectPaths[] = [];
  while (!reader.done) {
    const value = options.breakdown ? reader.nullableString() : undefined;
    const subjects = options.subjects ? reader.strings() : undefined;
    const walker = new PathWalker(
      sequencesOf({ lengths: reader.uint32s(), keys: reader.uint64Halves() }),
      shape,
    );
    // A few milliseconds of walking at a time, and other requests get the event loop in between.
    while (!walker.walkUntil(Date.now() + WALK_SLICE_MS)) await setImmediate();
    paths.push({ ...walker.paths, value, subjects });
  }
  return paths;
}
