import { type GoalCadence, type GoalParams } from '@bindery/contracts';
import { type EventMetric, goalMetricQuery, goalValue } from './goal-metric.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const EVIL = "x' OR 1=1 --";
const WEEK = { start: Date.UTC(2026, 10, 23), end: Date.UTC(2026, 10, 30) };

const CASES: [EventMetric, GoalParams, GoalCadence][] = [
  ['logo_retention', { days: 28 }, 'weekly'],
  ['active_share', { days: 90 }, 'weekly'],
  ['feature_adoption', { feature: 'reports' }, 'weekly'],
  ['repeat_use', { periods: 12 }, 'weekly'],
  ['repeat_use', { periods: 6 }, 'monthly'],
  ['customer_age', {}, 'weekly'],
  ['nps', { surveyId: '0190f5a4-8c1e-7b2a-9d3f-000000000001' }, 'weekly'],
];

describe('goal metric queries', () => {
  it.each(CASES)('generates the reviewed SQL: %s %j %s', (metric, params, cadence) => {
    expect(goalMetricQuery(PROJECT, metric, params, cadence, WEEK)).toMatchSnapshot();
  });

  it('binds every input value, never splices it into the SQL', () => {
    for (const [metric, , cadence] of CASES) {
      const q = goalMetricQuery(PROJECT, metric, { feature: EVIL, surveyId: EVIL }, cadence, WEEK);
      expect(q.query).not.toContain(EVIL);
      expect(q.query).not.toContain(PROJECT);
    }
  });

  it('reads repeat use over whole periods: twelve weeks, or six months back from the period', () => {
    expect(goalMetricQuery(PROJECT, 'repeat_use', { periods: 12 }, 'weekly', WEEK).params.from).toBe(
      Date.UTC(2026, 8, 7),
    );
    const month = { start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 11, 1) };
    expect(goalMetricQuery(PROJECT, 'repeat_use', { periods: 6 }, 'monthly', month).params.from).toBe(
      Date.UTC(2026, 5, 1),
    );
  });

  it('turns ratios into values rounded to 0.01, null without a denominator', () => {
    expect(goalValue('logo_retention', 2, 3)).toBe(66.67);
    expect(goalValue('nps', -1, 3)).toBe(-33.33);
    expect(goalValue('average_health', 145, 2)).toBe(72.5);
    expect(goalValue('repeat_use', 7, 3)).toBe(2.33);
    expect(goalValue('customer_age', 3 * 86_400_000 + 43_200_000, 2)).toBe(1.75);
    expect(goalValue('active_share', 0, 0)).toBeNull();
  });
});
