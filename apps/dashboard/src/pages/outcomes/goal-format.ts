import type { Goal, GoalMetric, GoalSnapshot } from '@bindery/contracts';

const day = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const month = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Each metric as people call it. */
export const GOAL_METRIC_NAMES: Record<GoalMetric, string> = {
  logo_retention: 'Logo retention',
  active_share: 'Share of active accounts',
  feature_adoption: 'Feature adoption',
  average_health: 'Average health',
  repeat_use: 'Repeat use',
  customer_age: 'Customer age',
  nps: 'NPS',
};

const PERCENT_METRICS = new Set<GoalMetric>(['logo_retention', 'active_share', 'feature_adoption']);
const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** A metric's value with its unit: "83.33 %", "412 days", "3.2 periods", "+12", "71.5". */
function formatGoalValue(metric: GoalMetric, value: number): string {
  const n = number.format(value);
  if (PERCENT_METRICS.has(metric)) return `${n} %`;
  if (metric === 'customer_age') return `${n} days`;
  if (metric === 'repeat_use') return `${n} periods`;
  if (metric === 'nps' && value > 0) return `+${n}`;
  return n;
}

/** "Week of 23 Nov 2026" or "November 2026": the period a snapshot is for. */
export function periodName(cadence: Goal['cadence'], periodStart: string): string {
  const start = new Date(periodStart);
  return cadence === 'monthly' ? month.format(start) : `Week of ${day.format(start)}`;
}

/** A snapshot's value with its unit, or "no data". */
export function goalValueText(goal: Pick<Goal, 'metric'>, value: number | null): string {
  return value === null ? 'no data' : formatGoalValue(goal.metric, value);
}

/** How far the value is towards the target, 0 to 1 (1: met), for the progress bar. */
export function goalProgress(
  goal: Pick<Goal, 'direction'>,
  snapshot: Pick<GoalSnapshot, 'value' | 'target'>,
): number {
  const { value, target } = snapshot;
  if (value === null) return 0;
  const met = goal.direction === 'at_least' ? value >= target : value <= target;
  if (met) return 1;
  if (goal.direction === 'at_least') return target <= 0 ? 0 : Math.max(0, value / target);
  return value <= 0 ? 0 : Math.max(0, target / value);
}

/** "+2.5 points since the week before", "unchanged", or null for a first period. */
export function goalChange(goal: Goal): string | null {
  const now = goal.latest?.value;
  const before = goal.previous?.value;
  if (!goal.previous || now === null || now === undefined || before === null || before === undefined) {
    return null;
  }
  const delta = Math.round((now - before) * 100) / 100;
  const since = goal.cadence === 'weekly' ? 'the week before' : 'the month before';
  if (delta === 0) return `unchanged since ${since}`;
  const size = number.format(Math.abs(delta));
  const unit = PERCENT_METRICS.has(goal.metric) ? ' points' : '';
  return `${delta > 0 ? '+' : '−'}${size}${unit} since ${since}`;
}
