import { type GoalCadence, type GoalMetric } from '@bindery/contracts';
import { type ReportedGoal } from '@bindery/db';
import { renderEmail, type RenderedEmail } from '../content/templates/template-renderer';

const DAY_MS = 86_400_000;

/** The owners' goals report: each goal on or off track, with its change since the period before. */
const GOAL_REPORT = {
  subject: '{{project}}: {{onTrack}} of {{total}} goals on track ({{period}})',
  html:
    '<p>Your goals for {{period}}:</p><ul>{{#each goals}}<li><strong>{{name}}</strong>: {{value}} against a ' +
    'target of {{target}}, <strong>{{status}}</strong>. {{change}}.</li>{{/each}}</ul>' +
    '<p><a href="{{url}}">See the goals and their history</a></p>',
  text:
    'Your goals for {{period}}:\n\n{{#each goals}}- {{name}}: {{value}} against a target of {{target}}, ' +
    '{{status}}. {{change}}.\n{{/each}}\nThe goals and their history: {{url}}\n',
};

const PERCENT_METRICS = new Set<GoalMetric>(['logo_retention', 'active_share', 'feature_adoption']);

/** A metric's value with its unit, as the owners' report writes it. */
export function formatGoalValue(metric: GoalMetric, value: number): string {
  const n = value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (PERCENT_METRICS.has(metric)) return `${n} %`;
  if (metric === 'customer_age') return `${n} days`;
  if (metric === 'repeat_use') return `${n} periods`;
  if (metric === 'nps') return value > 0 ? `+${n}` : n;
  return n;
}

/** "the week of 30 Nov 2026" or "November 2026": the period a snapshot is for. */
export function periodLabel(cadence: GoalCadence, start: Date): string {
  if (cadence === 'monthly') {
    return start.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  }
  const day = start.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `the week of ${day}`;
}

function change(r: ReportedGoal): string {
  const now = r.snapshot.value;
  const before = r.previous?.value;
  if (!r.previous) return 'First period measured';
  if (now === null || before === null || before === undefined) return 'No change to compare';
  const delta = Math.round((now - before) * 100) / 100;
  if (delta === 0) return 'Unchanged since the period before';
  const unit = PERCENT_METRICS.has(r.goal.metric) ? ' points' : '';
  const size = Math.abs(delta).toLocaleString('en-US', { maximumFractionDigits: 2 });
  return `${delta > 0 ? 'Up' : 'Down'} ${size}${unit} since the period before`;
}

/** The report for the goals whose period ended together; every value is escaped in the HTML. */
export function goalReportEmail(project: string, goals: readonly ReportedGoal[], url: string): RenderedEmail {
  const first = goals[0];
  const period = first ? periodLabel(first.goal.cadence, first.snapshot.period_start) : 'the period';
  const lastDay = first
    ? new Date(first.snapshot.period_end.getTime() - DAY_MS).toLocaleString('en-GB', {
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        timeZone: 'UTC',
      })
    : '';
  return renderEmail(GOAL_REPORT, {
    project,
    period: goals.every((g) => g.goal.cadence === first?.goal.cadence)
      ? period
      : `the periods ending ${lastDay}`,
    onTrack: goals.filter((g) => g.snapshot.on_track).length,
    total: goals.length,
    url,
    goals: goals.map((r) => ({
      name: r.goal.name,
      value: r.snapshot.value === null ? 'no data' : formatGoalValue(r.goal.metric, r.snapshot.value),
      target: formatGoalValue(r.goal.metric, r.snapshot.target),
      status: r.snapshot.on_track ? 'on track' : 'off track',
      change: change(r),
    })),
  });
}
