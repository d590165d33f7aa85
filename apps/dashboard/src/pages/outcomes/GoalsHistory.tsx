import type { Goal, GoalList, GoalSnapshotList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { Sparkline } from '../../components/Sparkline';
import { GOAL_METRIC_NAMES, goalValueText, periodName } from './goal-format';
import { GoalForm } from './GoalForm';
import { GoalProgress } from './GoalProgress';
import './goals.css';

/** The periods a goal's table shows, newest first. */
const SHOWN = 12;

/** One goal's history: its trend, and a table of its newest periods against their targets. */
export function GoalHistory({ goal, snapshots }: { goal: Goal; snapshots: GoalSnapshotList['snapshots'] }) {
  const values = snapshots.map((s) => s.value).filter((v): v is number => v !== null);
  const newest = [...snapshots].reverse().slice(0, SHOWN);
  const comparison = goal.direction === 'at_least' ? '≥' : '≤';
  return (
    <article className="goal-history card" aria-labelledby={`goal-${goal.id}`}>
      <div className="goal-line">
        <h3 id={`goal-${goal.id}`}>{goal.name}</h3>
        <span className="muted">
          {GOAL_METRIC_NAMES[goal.metric]}, {goal.cadence}, target {comparison}{' '}
          {goalValueText(goal, goal.target)}
        </span>
        {values.length > 1 && <Sparkline values={values} label={`${goal.name} per period`} width={160} />}
      </div>
      {goal.latest && <GoalProgress goal={goal} snapshot={goal.latest} />}
      {newest.length === 0 ? (
        <p className="muted">Measured when its first period ends.</p>
      ) : (
        <div className="table-scroll">
          <table className="goal-table">
            <caption className="visually-hidden">{goal.name}: each period against its target</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Value</th>
                <th scope="col">Target</th>
                <th scope="col">On track</th>
              </tr>
            </thead>
            <tbody>
              {newest.map((s) => (
                <tr key={s.periodStart}>
                  <td>{periodName(goal.cadence, s.periodStart)}</td>
                  <td>{goalValueText(goal, s.value)}</td>
                  <td>{goalValueText(goal, s.target)}</td>
                  <td>
                    <span className={`badge ${s.onTrack ? 'ok' : 'danger'}`}>{s.onTrack ? 'Yes' : 'No'}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function GoalHistoryLoader({ goal }: { goal: Goal }) {
  const snapshots = useProjectGet<GoalSnapshotList>(`goals/${goal.id}/snapshots`);
  return (
    <DataState query={snapshots} label={`${goal.name} history`} minHeight={120}>
      {(data) => <GoalHistory goal={goal} snapshots={data.snapshots} />}
    </DataState>
  );
}

/** The Outcomes page's goals: each with its history, period by period. */
export function GoalsHistory() {
  const goals = useProjectGet<GoalList>('goals');
  return (
    <section id="goals" className="card stack outcomes-goals" aria-labelledby="goals-heading">
      <h2 id="goals-heading">Retention goals</h2>
      <p className="muted report-hint">
        Each goal is measured once per ended week (Monday to Sunday, UTC) or month, from the period before it
        was set; the owners get a short email of each period’s goals. Definitions: docs/analytics.md,
        Retention goals.
      </p>
      <GoalForm />
      <DataState
        query={goals}
        label="goals"
        minHeight={120}
        isEmpty={(d) => d.goals.length === 0}
        empty="No goals yet: add one above (owners and admins)."
      >
        {(data) => (
          <div className="stack">
            {data.goals.map((goal) => (
              <GoalHistoryLoader key={goal.id} goal={goal} />
            ))}
          </div>
        )}
      </DataState>
    </section>
  );
}
