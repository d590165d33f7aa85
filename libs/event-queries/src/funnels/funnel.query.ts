import { type FunnelQuery } from '@bindery/contracts';
import { type BoundQuery, Params } from '../query/bound-query';
import { propertyFilterSql, propertyValueSql } from '../query/property-filter';
import { type Range } from '../query/range';
import { ACTIONS, subjectOf } from '../query/subjects';

/**
 * Each subject's actions, in the order the funnel semantics put them (docs/analytics.md), as two arrays:
 * milliseconds since `from` and the set of steps each action matches. ClickHouse sorts; the walk over each
 * sequence is TypeScript (funnel-paths.ts), because an `arrayFold` over long sequences (an account's) costs
 * seconds where a loop costs milliseconds.
 *
 * The sort key is one UInt64: milliseconds since `from` (36 bits, enough for 490 days), the first step the
 * action matches (5 bits, 31 for none) and the set of steps it matches (20 bits); actions equal in all three
 * are interchangeable.
 */
const STEP_BITS = 0xfffff;

export type FunnelDefinition = Pick<FunnelQuery, 'steps' | 'windowSeconds' | 'order' | 'aggregateBy'>;

/** A row of {@link funnelSequencesQuery}. */
export interface SequenceRow {
  subject: string;
  value?: string | null;
  ts: number[];
  masks: number[];
}

/**
 * One row per subject (and breakdown value) that may reach step 1, with its sorted sequence. With
 * `activeSince` (epoch ms), only subjects with a step action at or after it: those whose progress may have
 * changed since then.
 */
export function funnelSequencesQuery(
  projectId: string,
  def: FunnelDefinition,
  range: Range,
  breakdown?: { property: string },
  activeSince?: number,
): BoundQuery {
  const n = def.steps.length;
  const window = def.windowSeconds * 1000;
  const p = new Params({
    projectId,
    from: range.from,
    until: range.to + window,
    toRel: range.to - range.from,
    window,
  });
  const matches = def.steps
    .map(
      (s, i) =>
        `toUInt64(event = ${p.bind(s.event, 'String')} AND ${propertyFilterSql(p, s.where)}) * ${2 ** i}`,
    )
    .join('\n        + ');
  const where = [
    'project_id = {projectId:UUID}',
    ACTIONS,
    'timestamp >= fromUnixTimestamp64Milli({from:Int64})',
    'timestamp < fromUnixTimestamp64Milli({until:Int64})',
  ];
  if (def.order !== 'strict') {
    where.push(`event IN ${p.bind([...new Set(def.steps.map((s) => s.event))], 'Array(String)')}`);
  }
  // Only subjects that can reach step 1 are worth a fold: a step-1 action in range (any step, unordered).
  const canStart = def.order === 'unordered' ? `mask != 0` : `bitTest(mask, 0)`;
  const value = breakdown ? `,\n      ${propertyValueSql(p, breakdown.property)} AS value` : '';
  // With a breakdown, a subject is tried once per value of its step-1 actions, step 1 matching that value only
  // (values wrapped in tuples, because arrayDistinct drops NULL).
  const maskOf = breakdown
    ? `bitOr(bitAnd(e.2, ${STEP_BITS - 1}), toUInt64(bitTest(e.2, 0) AND ifNull(e.4 = value, e.4 IS NULL AND value IS NULL)))`
    : 'e.2';
  const key = `bitOr(bitOr(bitShiftLeft(e.1, 25), bitShiftLeft(toUInt64(if(e.2 = 0, 31, bitCount(bitXor(e.2, e.2 - 1)) - 1)), 20)), e.2)`;
  // A retried event is a second row with the same id. It cannot change a funnel whose steps match disjoint
  // events unless the funnel is strict (it would stand between two steps), so only then is it worth removing.
  const dedup = def.order === 'strict' || new Set(def.steps.map((s) => s.event)).size < n;
  const keys = !dedup
    ? `arraySort(arrayMap(e -> ${key}, marked))`
    : `arrayMap(x -> x.1, arrayDistinct(arraySort(arrayMap(e -> (${key}, e.3), marked))))`;
  // Strict funnels read every action, but a run of actions that match no step breaks a path as one does.
  const sequence =
    def.order === 'strict'
      ? `arrayFilter((k, prev) -> bitAnd(k, ${STEP_BITS}) != 0 OR bitAnd(prev, ${STEP_BITS}) != 0, keys, arrayPushFront(arrayPopBack(keys), 1))`
      : 'keys';
  // Nothing before the first action that may open a path, nor after the window of the last one that can, is
  // part of a path: the sequence is cut to that span, which spares a third of the transfer and of the walk.
  const opens = def.order === 'unordered' ? `bitAnd(k, ${STEP_BITS}) != 0` : 'bitTest(k, 0)';
  const query = `SELECT subject${breakdown ? ', value' : ''},
    arrayMap(k -> toFloat64(bitShiftRight(k, 25)), seq) AS ts,
    arrayMap(k -> toUInt32(bitAnd(k, ${STEP_BITS})), seq) AS masks
FROM (
  SELECT subject,${breakdown ? ' value,' : ''}
    ${breakdown ? `arrayMap(e -> (e.1, ${maskOf}, e.3), events)` : 'events'} AS marked,
    ${keys} AS keys,
    ${sequence} AS whole,
    arrayFirstIndex(k -> ${opens}, whole) AS head,
    bitShiftRight(whole[arrayLastIndex(k -> ${opens} AND bitShiftRight(k, 25) < {toRel:Int64}, whole)], 25)
      + {window:UInt64} AS horizon,
    arraySlice(whole, head, greatest(arrayLastIndex(k -> bitShiftRight(k, 25) <= horizon, whole) - head + 1, 0)) AS seq
  FROM (
    SELECT subject, groupArray((rel, mask, id${breakdown ? ', value' : ''})) AS events
    FROM (
      SELECT ${subjectOf(def.aggregateBy)} AS subject,
        toUInt64(toUnixTimestamp64Milli(timestamp) - {from:Int64}) AS rel,
        ${matches} AS mask,
        ${dedup ? 'sipHash64(event_id)' : '0'} AS id${value}
      FROM events
      WHERE ${where.join('\n        AND ')}
    )
    WHERE subject != ''
    GROUP BY subject
    HAVING countIf(${canStart} AND rel < {toRel:Int64}) > 0${
      activeSince === undefined
        ? ''
        : `\n      AND maxIf(rel, mask != 0) >= ${p.bind(Math.max(0, activeSince - range.from), 'UInt64')}`
    }
  )${breakdown ? `\n  ARRAY JOIN arrayMap(v -> v.1, arrayDistinct(arrayMap(e -> tuple(e.4), arrayFilter(e -> bitTest(e.2, 0), events)))) AS value` : ''}
)`;
  return { query, params: p.values };
}
