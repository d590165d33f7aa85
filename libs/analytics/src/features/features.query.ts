import { type FeatureQuery } from '@bindery/contracts';
import { type BoundQuery, dailySource, type DayRange, personOf, zoneParams } from '@bindery/event-queries';

/** The rollups' column of the subject: the account, or the user (else anonymous) id. */
export const subjectColumn = (q: Pick<FeatureQuery, 'aggregateBy'>) =>
  q.aggregateBy === 'account' ? 'account_id' : 'user_id';
/** The subject a rollup row counts for: its account, or the person its id belongs to. */
export const subjectSql = (q: Pick<FeatureQuery, 'aggregateBy'>) =>
  q.aggregateBy === 'account' ? 'account_id' : personOf('user_id');
const inDays = `project_id = {projectId:UUID} AND day >= toDate({first:UInt32}) AND day <= toDate({last:UInt32})`;

/**
 * Each subject's packed uses (`use`, of the rollup `features` rows that pass `uses`) as one sorted array, and
 * its last active day (of the `activity` rows that pass `where`; 0 without any), counted from the first day, for
 * each subject with a use. The rows of both rollups are grouped by stored id (or account) together, and only
 * those groups by person: resolving a person per row costs more than the rest of a report. One grouping rather
 * than a JOIN of two: ClickHouse (since 24.12) may swap a JOIN's sides to build its hash table from the side it
 * expects smaller, which here was the one holding the uses (1–1.5 s of 2.7–3.7 s on 10 M events).
 */
function usesAndLastActive(
  q: Pick<FeatureQuery, 'aggregateBy'>,
  use: string,
  rollups: { features: string; uses: string; activity: string; where: string },
): string {
  const id = subjectColumn(q);
  return `SELECT ${subjectSql(q)} AS subject, arraySort(arrayFlatten(groupArray(id_uses))) AS uses,
        if(max(id_last_active) = 0, 0, toInt64(max(id_last_active)) - {first:UInt32}) AS last_active
      FROM (
        SELECT ${id}, groupArrayIf(use, is_use) AS id_uses, toUInt32(maxIf(day, NOT is_use)) AS id_last_active
        FROM (
          SELECT ${id}, day, true AS is_use, ${use} AS use FROM ${rollups.features} WHERE ${rollups.uses}
          UNION ALL
          SELECT ${id}, day, false AS is_use, toUInt64(0) AS use FROM ${rollups.activity} WHERE ${rollups.where}
        )
        GROUP BY ${id}
      )
      GROUP BY subject
      HAVING notEmpty(uses)`;
}

/** Which features a report counts: exactly those a project defines, else every one but the lifecycle events. */
export type FeatureSelection = { only: readonly string[] } | { except: readonly string[] };

const selected = (selection: FeatureSelection) =>
  'only' in selection ? 'feature IN {features:Array(String)}' : 'feature NOT IN {features:Array(String)}';
const selectedFeatures = (selection: FeatureSelection) =>
  'only' in selection ? selection.only : selection.except;

/** A UInt64 above every packed use, for the neighbour of the first and last of a subject's uses. */
const NONE = '18446744073709551615';

/**
 * A feature's key in the packed uses: the top 49 bits of its 64-bit hash. Two of a project's features would
 * share one with a chance of about n² / 2^50 (one in five billion for 500 features).
 */
const FEATURE_KEY = 'bitShiftRight(cityHash64(feature), 15)';

/** A row of {@link featureUsageQuery}. */
export interface FeatureUsageRow {
  /** The feature's key ({@link featureFirstUseQuery} names it). */
  key: number;
  subjects: number;
  repeaters: number;
  abandoned: number;
  /** With `weekly`: subjects per 7-day span counted back from the last day (`ago` 0 ends with it). */
  weekly?: [ago: number, subjects: number][];
}

/**
 * Per selected feature used on the days, by its key: its subjects, those who used it on two or more days, those
 * whose last use was `abandonDays` or more before their last action and, with `weekly`, its subjects per 7-day
 * span.
 *
 * Grouping the rollup by (feature, subject) builds millions of groups, whose hash table outgrows the CPU's
 * caches; grouping by subject alone keeps it small. So each subject's uses become one sorted array of UInt64:
 * the feature's key (bits 15 and up: a hash, so that no row looks the feature up in a list), its week (bits
 * 9-14, counted up to the last day so that weeks sort as days do) and its day since the first (bits 0-8: at
 * most 401 days). A run of one feature is a subject's use of it: its first element holds the first day, its
 * last the last day. Each (feature, week) of a subject is counted at its last element, which for the run's
 * last week is also the run's last: there the subject, repeat use and abandonment are counted too.
 */
export function featureUsageQuery(
  projectId: string,
  q: FeatureQuery,
  days: DayRange,
  selection: FeatureSelection,
  timeZone: string,
): BoundQuery<FeatureUsageRow> {
  const features = dailySource('feature_daily', timeZone);
  const activity = dailySource('activity_daily', timeZone);
  const where = `${inDays} AND ${subjectColumn(q)} != ''`;
  const uses = `${where} AND ${selected(selection)}`;
  const week = q.weekly ? `63 - intDiv(toUInt32(toDate({last:UInt32})) - toUInt32(day), 7)` : '0';
  const next = (a: string) => `arrayPushBack(arrayPopFront(${a}), ${NONE})`;
  const atTails = (a: string) => `arrayFilter((x, t) -> t, ${a}, tails)`;
  return {
    query: `SELECT k AS key, sum(subjects) AS subjects, sum(repeaters) AS repeaters, sum(abandoned) AS abandoned${q.weekly ? ',\n  groupArray((ago, users)) AS weekly' : ''}
FROM (
  SELECT bitShiftRight(w, 6) AS k, 63 - bitAnd(w, 63) AS ago, count() AS users, countIf(last) AS subjects,
    countIf(last AND first_day < day) AS repeaters,
    countIf(last AND last_active >= day + {abandonDays:UInt32}) AS abandoned
  FROM (
    SELECT last_active,
      arrayMap(x -> bitShiftRight(x, 15), uses) AS fs,
      arrayMap(x -> bitShiftRight(x, 9), uses) AS ws,
      arrayMap(x -> bitAnd(x, 511), uses) AS ds,
      arrayMap((a, b) -> a != b, fs, ${next('fs')}) AS lasts,
      arrayFill((x, a, b) -> a != b, ds, fs, arrayPushFront(arrayPopBack(fs), ${NONE})) AS first_days,
      arrayMap((a, b) -> a != b, ws, ${next('ws')}) AS tails
    FROM (
      ${usesAndLastActive(
        q,
        `bitOr(bitOr(
          bitShiftLeft(${FEATURE_KEY}, 15),
          bitShiftLeft(toUInt64(${week}), 9)),
          toUInt64(toUInt32(day) - {first:UInt32}))`,
        { features, uses, activity, where },
      )}
    )
  )
  ARRAY JOIN ${atTails('ws')} AS w, ${atTails('ds')} AS day, ${atTails('first_days')} AS first_day,
    ${atTails('lasts')} AS last
  GROUP BY w
)
GROUP BY k`,
    params: {
      projectId,
      first: days.first,
      last: days.last,
      abandonDays: q.abandonDays,
      features: selectedFeatures(selection),
      ...zoneParams(timeZone),
    },
  };
}

/** A row of {@link featureFirstUseQuery}. */
export interface FeatureFirstUseRow {
  feature: string;
  /** Its key in {@link featureUsageQuery}'s rows. */
  key: number;
  /** Its first use ever, up to the last day (not only on the days), epoch ms. */
  first: number;
}

/**
 * Each selected feature used on the days, with its key and its first use ever up to the last day: a query of its
 * own, so that the report runs it beside {@link featureUsageQuery} rather than before it.
 */
export function featureFirstUseQuery(
  projectId: string,
  q: Pick<FeatureQuery, 'aggregateBy'>,
  days: DayRange,
  selection: FeatureSelection,
  timeZone: string,
): BoundQuery<FeatureFirstUseRow> {
  const features = dailySource('feature_daily', timeZone);
  const everUsed = `project_id = {projectId:UUID} AND day <= toDate({last:UInt32}) AND ${subjectColumn(q)} != '' AND ${selected(selection)}`;
  return {
    query: `SELECT feature, ${FEATURE_KEY} AS key, toUnixTimestamp64Milli(min(first_used)) AS first
FROM ${features} WHERE ${everUsed}
GROUP BY feature HAVING max(day) >= toDate({first:UInt32})`,
    params: {
      projectId,
      first: days.first,
      last: days.last,
      features: selectedFeatures(selection),
      ...zoneParams(timeZone),
    },
  };
}

/** Subjects with any action on the days (of the time zone). */
export function activeSubjectsQuery(
  projectId: string,
  q: FeatureQuery,
  days: DayRange,
  timeZone: string,
): BoundQuery<{ active: number }> {
  return {
    query: `SELECT uniqExact(${subjectSql(q)}) AS active
FROM (SELECT DISTINCT ${subjectColumn(q)} FROM ${dailySource('activity_daily', timeZone)} WHERE ${inDays} AND ${subjectColumn(q)} != '')`,
    params: { projectId, first: days.first, last: days.last, ...zoneParams(timeZone) },
  };
}
