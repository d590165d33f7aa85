import { type GoalCadence, type GoalMetric, type GoalParams, SURVEY_EVENTS } from '@bindery/contracts';
import { ACTIONS, ANSWERS_ONLY, type BoundQuery } from '@bindery/event-queries';
import { type GoalPeriod, periodAfter } from './goal-periods';

const DAY_MS = 86_400_000;

/** A metric as a ratio: its value is `num / den` scaled (docs/analytics.md, Retention goals). */
export interface RatioRow {
  num: number;
  den: number;
}

/**
 * A metric's value from its ratio, rounded half up to 0.01; null without a denominator. Percentages are
 * 100 × num / den, customer_age is days (num in milliseconds), the others are num / den.
 */
export function goalValue(metric: GoalMetric, num: number, den: number): number | null {
  if (den === 0) return null;
  const value =
    metric === 'customer_age'
      ? num / den / DAY_MS
      : metric === 'average_health' || metric === 'repeat_use'
        ? num / den
        : (100 * num) / den;
  return Math.round(value * 100) / 100;
}

/** The metrics read from events; average_health reads the stored health scores instead. */
export type EventMetric =
  'logo_retention' | 'active_share' | 'feature_adoption' | 'repeat_use' | 'customer_age' | 'nps';

/** Default days of active_share's known accounts, and periods of repeat_use. */
export const DEFAULT_KNOWN_DAYS = 90;
export const DEFAULT_REPEAT_PERIODS = 12;

/** The first instant of a timestamp's period: a fixed expression per cadence, never input. */
const PERIOD_START: Record<GoalCadence, string> = {
  weekly: 'toMonday(timestamp)',
  monthly: 'toStartOfMonth(timestamp)',
};

/** A project's actions by accounts in [{from}, {to}) (epoch ms). */
const ACCOUNT_ACTIONS = `FROM events
  WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND account_id != ''
    AND timestamp >= fromUnixTimestamp64Milli({from:Int64}) AND timestamp < fromUnixTimestamp64Milli({to:Int64})`;

/**
 * The ratio behind a goal's metric for one period, [start, end). Every input is a bound parameter; the only
 * text chosen by input is the period expression of the cadence, one of two constants.
 */
export function goalMetricQuery(
  projectId: string,
  metric: EventMetric,
  params: GoalParams,
  cadence: GoalCadence,
  period: GoalPeriod,
): BoundQuery<RatioRow> {
  const base = { projectId, start: period.start, end: period.end };
  switch (metric) {
    case 'logo_retention':
      return {
        query: `SELECT toInt64(countIf(before AND during)) AS num, toInt64(countIf(before)) AS den
FROM (
  SELECT account_id,
    max(timestamp < fromUnixTimestamp64Milli({start:Int64})) AS before,
    max(timestamp >= fromUnixTimestamp64Milli({start:Int64})) AS during
  ${ACCOUNT_ACTIONS}
  GROUP BY account_id
)`,
        params: { ...base, from: period.start - (params.days ?? 0) * DAY_MS, to: period.end },
      };
    case 'active_share': {
      const known = period.end - (params.days ?? DEFAULT_KNOWN_DAYS) * DAY_MS;
      return {
        query: `SELECT toInt64(countIf(known AND during)) AS num, toInt64(countIf(known)) AS den
FROM (
  SELECT account_id,
    max(timestamp >= fromUnixTimestamp64Milli({known:Int64})) AS known,
    max(timestamp >= fromUnixTimestamp64Milli({start:Int64})) AS during
  ${ACCOUNT_ACTIONS}
  GROUP BY account_id
)`,
        params: { ...base, known, from: Math.min(known, period.start), to: period.end },
      };
    }
    case 'feature_adoption':
      return {
        query: `SELECT toInt64(countIf(used)) AS num, toInt64(count()) AS den
FROM (
  SELECT account_id, max(type = 'track' AND feature = {feature:String}) AS used
  ${ACCOUNT_ACTIONS}
  GROUP BY account_id
)`,
        params: { ...base, feature: params.feature ?? '', from: period.start, to: period.end },
      };
    case 'repeat_use': {
      const periods = params.periods ?? DEFAULT_REPEAT_PERIODS;
      return {
        query: `SELECT toInt64(sum(active)) AS num, toInt64(count()) AS den
FROM (
  SELECT account_id, uniqExact(${PERIOD_START[cadence]}) AS active
  ${ACCOUNT_ACTIONS}
  GROUP BY account_id
)`,
        params: { ...base, from: periodAfter(period, cadence, 1 - periods).start, to: period.end },
      };
    }
    case 'customer_age':
      return {
        query: `SELECT toInt64(sum(greatest(0, {end:Int64} - ifNull(toUnixTimestamp64Milli(t.since), a.first)))) AS num,
  toInt64(count()) AS den
FROM (
  SELECT account_id, toUnixTimestamp64Milli(min(timestamp)) AS first
  FROM events
  WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND account_id != ''
    AND timestamp < fromUnixTimestamp64Milli({end:Int64})
  GROUP BY account_id
  HAVING max(timestamp >= fromUnixTimestamp64Milli({start:Int64}))
) AS a
LEFT JOIN (
  SELECT subject_id, if(match(text, '^[0-9]{4}-[0-9]{2}-[0-9]{2}'),
    parseDateTime64BestEffortOrNull(text, 3, 'UTC'), NULL) AS since
  FROM (
    SELECT subject_id, JSONExtractString(argMax(value, updated_at)) AS text
    FROM traits
    WHERE project_id = {projectId:UUID} AND kind = 'account' AND key = 'customer_since'
    GROUP BY subject_id
  )
) AS t ON t.subject_id = a.account_id`,
        params: base,
      };
    case 'nps':
      return {
        query: `SELECT toInt64(countIf(score >= 9) - countIf(score <= 6)) AS num, toInt64(count()) AS den
FROM (
  SELECT JSONExtract(properties, 'score', 'Nullable(Int64)') AS score
  FROM events FINAL
  ${ANSWERS_ONLY}
  WHERE project_id = {projectId:UUID}
    AND timestamp >= fromUnixTimestamp64Milli({start:Int64}) AND timestamp < fromUnixTimestamp64Milli({end:Int64})
    AND JSONExtractString(properties, 'surveyId') = {surveyId:String}
)
WHERE score IS NOT NULL`,
        params: { ...base, event: SURVEY_EVENTS.answered, surveyId: params.surveyId ?? '' },
      };
  }
}
