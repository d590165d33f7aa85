import { type GoalInput, type GoalMetric, type GoalParams, InvalidInput } from '@bindery/contracts';
import { type GoalFields } from '@bindery/db';
import { DEFAULT_KNOWN_DAYS, DEFAULT_REPEAT_PERIODS } from './goal-metric.query';

type ParamName = keyof GoalParams;

/** Which parameters each metric takes; the others are refused by name. */
const PARAMS: Record<GoalMetric, readonly ParamName[]> = {
  logo_retention: ['days'],
  active_share: ['days'],
  feature_adoption: ['feature'],
  average_health: [],
  repeat_use: ['periods'],
  customer_age: [],
  nps: ['surveyId'],
};

/** The range a target must lie in, by what the metric's value is. */
const TARGETS: Record<GoalMetric, [number, number]> = {
  logo_retention: [0, 100],
  active_share: [0, 100],
  feature_adoption: [0, 100],
  average_health: [0, 100],
  repeat_use: [0, 52],
  customer_age: [0, 36_500],
  nps: [-100, 100],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function integerIn(params: GoalParams, name: 'days' | 'periods', lo: number, hi: number): void {
  const value = params[name];
  if (value !== undefined && (!Number.isInteger(value) || value < lo || value > hi)) {
    throw InvalidInput(`params.${name} must be a whole number from ${lo} to ${hi}`, {
      field: `params.${name}`,
    });
  }
}

/**
 * A goal's fields checked against its metric, its parameters completed with their defaults; a bad one is a 400
 * that names the field (`params.days`, `target`, …).
 */
export function checkGoal(input: Required<Omit<GoalInput, 'params'>> & { params?: GoalParams }): GoalFields {
  const params: GoalParams = { ...input.params };
  for (const name of Object.keys(params) as ParamName[]) {
    if (!PARAMS[input.metric].includes(name)) {
      throw InvalidInput(`params.${name} does not apply to the metric ${input.metric}`, {
        field: `params.${name}`,
      });
    }
  }
  integerIn(params, 'days', 1, 365);
  integerIn(params, 'periods', 2, 52);
  if (input.metric === 'logo_retention' && params.days === undefined) {
    throw InvalidInput('params.days is required for logo_retention: the days before each period', {
      field: 'params.days',
    });
  }
  if (input.metric === 'active_share') params.days ??= DEFAULT_KNOWN_DAYS;
  if (input.metric === 'repeat_use') params.periods ??= DEFAULT_REPEAT_PERIODS;
  if (input.metric === 'feature_adoption' && !(params.feature && params.feature.length <= 200)) {
    throw InvalidInput(
      'params.feature is required for feature_adoption: a feature key of 1 to 200 characters',
      {
        field: 'params.feature',
      },
    );
  }
  if (input.metric === 'nps' && !(params.surveyId && UUID.test(params.surveyId))) {
    throw InvalidInput('params.surveyId is required for nps: the id of an NPS survey of the project', {
      field: 'params.surveyId',
    });
  }
  const [lo, hi] = TARGETS[input.metric];
  if (!Number.isFinite(input.target) || input.target < lo || input.target > hi) {
    throw InvalidInput(`target must be from ${lo} to ${hi} for the metric ${input.metric}`, {
      field: 'target',
    });
  }
  return {
    name: input.name,
    metric: input.metric,
    params,
    target: input.target,
    direction: input.direction,
    cadence: input.cadence,
  };
}
