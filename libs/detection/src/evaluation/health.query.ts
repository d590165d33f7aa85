import { SURVEY_EVENTS } from '@bindery/contracts';
import {
  type BoundQuery,
  EVENT_PERSON,
  ANSWER_ON_SCALE,
  ANSWERS_ONLY,
  personKeyOf,
  SURVEY_SCORE,
} from '@bindery/event-queries';
import { type DayWindow, SENTIMENT_DAYS } from '@bindery/rules';
import { type HealthSpanData } from './health-backfill';

/**
 * What account health is computed from, for every day of a span at once (days firstDay..lastDay, numbered
 * from 1970-01-01, at most {@link MAX_HEALTH_SPAN_DAYS}): one query per input, each reading its rollup once for
 * the whole span, never one query per day. Each answers an array per subject with one value per day of the
 * span. Windows slide by whole days: a subject is active in "the 30 days up to d" when it has a row on d−29..d.
 *
 * A span of a day or two (an hourly evaluation) is counted directly, with conditional aggregates (the features'
 * users with one set per stretch of days, see slidingDistinct). A
 * longer one (a back-fill) would need a set per subject and day, so its sliding distinct counts come out of
 * runs instead: a subject active on days a₁ < a₂ < … is counted in the W-day window ending on d for d in the
 * union of [aᵢ, aᵢ + W − 1], one run per stretch of days whose gaps are at most W; each run is +1 on its first
 * day and −1 on the day after it, and the sum of the changes up to d is the count on d.
 */
export const MAX_HEALTH_SPAN_DAYS = 90;
/**
 * The person a rollup row counts for (docs/analytics.md, People), as a 64-bit key (`personKeyOf`): counting
 * distinct numbers takes half the time of distinct strings, and the key is looked up among hashed links
 * without making the person id. Two people of one account or feature would count once on a collision, about
 * a one-in-10⁹ chance for 10⁵ people.
 */
const PERSON_KEY = personKeyOf('user_id');
/** Spans up to this many days are counted with one aggregate per day. */
export const SHORT_SPAN_DAYS = 2;

const spanLength = (span: DayWindow) => span.lastDay - span.firstDay + 1;

const spanParams = (projectId: string, span: DayWindow) => {
  const days = spanLength(span);
  if (!Number.isInteger(days) || days < 1 || days > MAX_HEALTH_SPAN_DAYS) {
    throw new Error(`health span of ${days} days: 1 to ${MAX_HEALTH_SPAN_DAYS} are computed at once`);
  }
  return { projectId, firstDay: span.firstDay, lastDay: span.lastDay };
};

const FIRST = 'toDate({firstDay:UInt32})';
/** Day `i` of the span (negative: a day before it), as a Date. */
const dayOfSpan = (i: number) => (i === 0 ? FIRST : `(${FIRST} ${i < 0 ? '-' : '+'} ${Math.abs(i)})`);
/** The span's days, as UInt32 day numbers. */
const SPAN_DAYS = 'range({firstDay:UInt32}, {lastDay:UInt32} + 1)';
/** `[f(day 0), f(day 1), …]`: one aggregate per day of a short span. */
const perDay = (span: DayWindow, f: (d: string) => string) =>
  `[${Array.from({ length: spanLength(span) }, (_, i) => f(dayOfSpan(i))).join(', ')}]`;
/** The rows of the `w` days up to `d` (a Date expression), on a column `day`. */
const within = (d: string, w: number, upTo = d) => `day > ${d} - ${w} AND day <= ${upTo}`;

/**
 * Distinct `key`s in the `w` days up to each day of a short span (fewer days than `w`), over rows of days
 * lastDay−w+1..lastDay on a column `day`, with each row counted into one set instead of one per day of the span
 * (a third less time for two days on 4.7 M rows): the days are cut into stretches that lie in the same days'
 * windows (the days all windows share; each day before them; each day after them), each stretch makes one set,
 * and a day's count merges the sets of the stretches in its window. `states` are the aggregates of a GROUP BY,
 * `counts` the array (one count a day) to select from them.
 */
function slidingDistinct(span: DayWindow, w: number, key: string): { states: string; counts: string } {
  const n = spanLength(span);
  // The days of the span whose windows hold day k (relative to firstDay).
  const holders = (k: number) => Array.from({ length: n }, (_, i) => i).filter((i) => k > i - w && k <= i);
  const stretches: { from: number; to: number; holders: number[] }[] = [];
  for (let k = 1 - w; k < n; k++) {
    const h = holders(k);
    const last = stretches.at(-1);
    if (last && last.holders.join() === h.join()) last.to = k;
    else stretches.push({ from: k, to: k, holders: h });
  }
  const states = stretches.map(({ from, to }, j) => {
    const days = from === to ? `day = ${dayOfSpan(from)}` : within(dayOfSpan(to), to - from + 1);
    return `uniqExactStateIf(${key}, ${days}) AS set${j}`;
  });
  const counts = Array.from({ length: n }, (_, i) => {
    const sets = stretches.flatMap((s, j) => (s.holders.includes(i) ? [`set${j}`] : []));
    return sets.length === 1
      ? `finalizeAggregation(${sets[0]})`
      : `arrayReduce('uniqExactMerge', [${sets.join(', ')}])`;
  });
  return { states: states.join(',\n    '), counts: `[${counts.join(', ')}]` };
}

/** The runs of sorted days `ds` for a window of `w` days: their first days, and the days after their last. */
function runs(ds: string, w: number): { starts: string; ends: string } {
  // The gap before each day (a large one before the first) and after it (a large one after the last).
  const before = `arrayPushFront(arrayPopFront(arrayDifference(${ds})), 100000)`;
  const after = `arrayPushBack(arrayPopFront(arrayDifference(${ds})), 100000)`;
  return {
    starts: `arrayFilter((d, g) -> g > ${w}, ${ds}, ${before})`,
    ends: `arrayMap(d -> d + ${w}, arrayFilter((d, g) -> g > ${w}, ${ds}, ${after}))`,
  };
}

/** The runs of `ds` as `(keys, values)` for sumMap: +1 on each run's first day, −1 on the day after its last. */
function runChanges(ds: string, w: number): { keys: string; values: string } {
  const { starts, ends } = runs(ds, w);
  return {
    keys: `arrayConcat(${starts}, ${ends})`,
    values: `arrayConcat(arrayMap(d -> toInt32(1), ${starts}), arrayMap(d -> toInt32(-1), ${ends}))`,
  };
}

/** The count on each day of the span from a sumMap of changes `m`. */
const countsFromChanges = (m: string) =>
  `arrayMap(d -> arraySum(arrayFilter((v, k) -> k <= d, ${m}.2, ${m}.1)), ${SPAN_DAYS})`;

/**
 * For each account active in the 90 days up to any day of the span, per day: its last active day in those
 * 90 days (0: none), its users active in 30 days and in 90 days. Users are people: the rollup's user id
 * (else anonymous id), merged by identity links.
 */
export function accountUsersByDayQuery(
  projectId: string,
  span: DayWindow,
): BoundQuery<HealthSpanData['users'][number]> {
  const params = spanParams(projectId, span);
  const rows = `FROM activity_daily
  WHERE project_id = {projectId:UUID} AND account_id != ''
    AND day > ${FIRST} - 90 AND day <= toDate({lastDay:UInt32})`;
  if (spanLength(span) <= SHORT_SPAN_DAYS) {
    return {
      query: `SELECT account_id,
    ${perDay(span, (d) => `toUInt32(maxIf(day, ${within(d, 90)}))`)} AS last_day,
    ${perDay(span, (d) => `uniqExactIf(${PERSON_KEY}, ${within(d, 30)})`)} AS active30,
    ${perDay(span, (d) => `uniqExactIf(${PERSON_KEY}, ${within(d, 90)})`)} AS users90
  ${rows}
  GROUP BY account_id`,
      params,
    };
  }
  const u30 = runChanges('days', 30);
  const u90 = runChanges('days', 90);
  return {
    query: `SELECT account_id,
    arrayMap(d -> arrayLast(x -> x <= d AND x > d - 90, all_days), ${SPAN_DAYS}) AS last_day,
    ${countsFromChanges('c30')} AS active30,
    ${countsFromChanges('c90')} AS users90
FROM (
  SELECT account_id, arraySort(arrayDistinct(arrayFlatten(groupArray(days)))) AS all_days,
    sumMap(${u30.keys}, ${u30.values}) AS c30, sumMap(${u90.keys}, ${u90.values}) AS c90
  FROM (
    SELECT account_id, arraySort(arrayDistinct(groupArray(toUInt32(day)))) AS days
    ${rows}
    GROUP BY account_id, ${PERSON_KEY}
  )
  GROUP BY account_id
)`,
    params,
  };
}

/**
 * Each feature's users in the 30 days up to each day of the span: the project's ranking of features for
 * health (the 10 with the most users are its key features by default).
 *
 * Over a long span the rollup's rows (one per feature, day, account and user: millions for a busy project)
 * are grouped by (feature, user) with the days of each kept as a bitmap of 128 days (two UInt64: `lo` the
 * days from firstDay−29 on, `hi` the 64 after) rather than an array (unsigned: a right shift must not carry the sign), under a 64-bit hash of feature and user
 * rather than the two strings: a collision would merge two users of a feature, about a one-in-10⁹ chance for
 * a project of 10⁵ users × 100 features. Each bitmap is smeared 29 days forward (shifts 1, 2, 4, 8 and 14
 * cover 0..29), and the runs' first days (c & ~(c << 1)) and the days after them ((c << 1) & ~c) are the
 * changes.
 */
export function featureUsersByDayQuery(
  projectId: string,
  span: DayWindow,
): BoundQuery<{ feature: string; users: number[] }> {
  const params = spanParams(projectId, span);
  const rows = `FROM feature_daily
  WHERE project_id = {projectId:UUID} AND day > ${FIRST} - 30 AND day <= toDate({lastDay:UInt32})`;
  if (spanLength(span) <= SHORT_SPAN_DAYS) {
    // Each row's person once, not once for each set its day is tested against.
    const { states, counts } = slidingDistinct(span, 30, 'person');
    return {
      query: `SELECT feature, ${counts} AS users
FROM (
  SELECT feature, ${states}
  FROM (SELECT feature, day, ${PERSON_KEY} AS person ${rows})
  GROUP BY feature
)`,
      params,
    };
  }
  const shifted = (lo: string, hi: string, k: number) => ({
    lo: `bitShiftLeft(${lo}, ${k})`,
    hi: `bitOr(bitShiftLeft(${hi}, ${k}), bitShiftRight(${lo}, ${64 - k}))`,
  });
  const smear = [1, 2, 4, 8, 14].map((k, i) => {
    const [lo, hi] = i === 0 ? ['lo', 'hi'] : [`l${i - 1}`, `h${i - 1}`];
    const s = shifted(lo, hi, k);
    return `bitOr(${lo}, ${s.lo}) AS l${i}, bitOr(${hi}, ${s.hi}) AS h${i}`;
  });
  const c = shifted('l4', 'h4', 1);
  const positions = (bits: string, offset: number) =>
    `arrayMap(p -> toUInt32(p + ${offset}) + {firstDay:UInt32} - 29, bitPositionsToArray(${bits}))`;
  return {
    query: `SELECT f.feature AS feature, ${countsFromChanges('c.changes')} AS users
FROM (
  SELECT fh, sumMap(arrayConcat(starts, ends),
      arrayConcat(arrayWithConstant(length(starts), n), arrayWithConstant(length(ends), -n))) AS changes
  FROM (
    SELECT fh, n,
      ${smear.join(',\n      ')},
      arrayConcat(${positions(`bitAnd(l4, bitNot(${c.lo}))`, 0)},
        ${positions(`bitAnd(h4, bitNot(${c.hi}))`, 64)}) AS starts,
      arrayConcat(${positions(`bitAnd(${c.lo}, bitNot(l4))`, 0)},
        ${positions(`bitAnd(${c.hi}, bitNot(h4))`, 64)}) AS ends
    FROM (
      -- The (feature, user) pairs with the same days, once, with how many: far fewer rows to smear.
      SELECT fh, lo, hi, toInt32(count()) AS n
      FROM (
        SELECT any(cityHash64(feature)) AS fh,
          toUInt64(groupBitOr(bitShiftLeft(toUInt64(o < 64), o % 64))) AS lo,
          toUInt64(groupBitOr(bitShiftLeft(toUInt64(o >= 64), o % 64))) AS hi
        FROM (
          SELECT feature, ${PERSON_KEY} AS person, toUInt8(toUInt32(day) + 29 - {firstDay:UInt32}) AS o
          ${rows}
        )
        GROUP BY cityHash64(feature, person)
      )
      GROUP BY fh, lo, hi
    )
  )
  GROUP BY fh
) AS c
INNER JOIN (
  SELECT DISTINCT feature, cityHash64(feature) AS fh
  ${rows}
) AS f USING (fh)`,
    params,
  };
}

/**
 * For each account, which of `features` it used in the 30 days up to each day of the span: the runs of days
 * covered, `starts` and `ends` (the day after each run) pairwise.
 */
export function accountFeatureRunsQuery(
  projectId: string,
  span: DayWindow,
  features: string[],
): BoundQuery<HealthSpanData['featureRuns'][number]> {
  const { starts, ends } = runs('days', 30);
  return {
    query: `SELECT account_id, feature, ${starts} AS starts, ${ends} AS ends
FROM (
  SELECT account_id, feature, arraySort(arrayDistinct(groupArray(toUInt32(day)))) AS days
  FROM feature_daily
  WHERE project_id = {projectId:UUID} AND account_id != '' AND feature IN {features:Array(String)}
    AND day > ${FIRST} - 30 AND day <= toDate({lastDay:UInt32})
  GROUP BY account_id, feature
)`,
    params: { ...spanParams(projectId, span), features },
  };
}

/**
 * For each account with survey answers in the {@link SENTIMENT_DAYS} days up to any day of the span, per day:
 * the sum of its people's latest NPS or CSAT answers in the days up to it on sentiment's 0–100 scale (NPS ×
 * 10, CSAT (score − 1) × 25), and how many people those are. A person's answers in order of time, then event
 * id (the later one is their latest). A retried answer's second row is the same answer, so it changes no
 * person's latest: `events` is read without FINAL, which would read every event of the 180 days to merge rows
 * rather than the granules of this one event name (1.4 s against 15 ms on 10 M events).
 */
export function accountSentimentByDayQuery(
  projectId: string,
  span: DayWindow,
): BoundQuery<HealthSpanData['sentiment'][number]> {
  return {
    query: `SELECT account_id, sumForEach(points) AS points, sumForEach(answered) AS people
FROM (
  SELECT account_id,
    arrayMap(d -> arrayLastIndex(x -> x <= d AND x + ${SENTIMENT_DAYS} > d, days), ${SPAN_DAYS}) AS latest,
    arrayMap(i -> if(i = 0, 0, scores[i]), latest) AS points,
    arrayMap(i -> toUInt32(i > 0), latest) AS answered
  FROM (
    SELECT account_id, arraySort(groupArray((timestamp, event_id, day, points))) AS answers,
      arrayMap(a -> a.3, answers) AS days, arrayMap(a -> a.4, answers) AS scores
    FROM (
      SELECT account_id, ${EVENT_PERSON} AS person, timestamp, event_id, toUInt32(toDate(timestamp)) AS day,
        ${SURVEY_SCORE}, if(kind = 'nps', score * 10, (score - 1) * 25) AS points
      FROM events
      ${ANSWERS_ONLY}
      WHERE project_id = {projectId:UUID} AND account_id != ''
        AND toDate(timestamp) > ${FIRST} - ${SENTIMENT_DAYS} AND toDate(timestamp) <= toDate({lastDay:UInt32})
        AND ${ANSWER_ON_SCALE}
    )
    GROUP BY account_id, person
  )
)
GROUP BY account_id`,
    params: { ...spanParams(projectId, span), event: SURVEY_EVENTS.answered },
  };
}

/** Each known account's MRR trait (`mrr` or `MRR`), as JSON text, and when it was set (epoch ms). */
export function mrrQuery(projectId: string): BoundQuery<HealthSpanData['mrr'][number]> {
  return {
    query: `SELECT subject_id AS account_id, argMax(value, updated_at) AS mrr,
    toUnixTimestamp64Milli(max(updated_at)) AS set_at
FROM traits
WHERE project_id = {projectId:UUID} AND kind = 'account' AND key IN ('mrr', 'MRR')
GROUP BY account_id`,
    params: { projectId },
  };
}

/**
 * The earliest day (a day number) of an action received since `sinceMs`, or 0 when none was: the first day
 * whose scores late events may have changed.
 */
export function firstLateDayQuery(projectId: string, sinceMs: number): BoundQuery<{ first_day: number }> {
  return {
    query: `SELECT toUInt32(min(toDate(timestamp))) AS first_day
FROM events
WHERE project_id = {projectId:UUID} AND type IN ('track', 'page', 'screen') AND account_id != ''
  AND received_at >= fromUnixTimestamp64Milli({sinceMs:Int64})`,
    params: { projectId, sinceMs },
  };
}
