import type { Goal, GoalSnapshot } from '@bindery/contracts';
import { goalProgress, goalValueText } from './goal-format';
import './goals.css';

/** A goal's newest value against its target: a bar filled as far as the value has come, and a badge. */
export function GoalProgress({ goal, snapshot }: { goal: Goal; snapshot: GoalSnapshot }) {
  const progress = goalProgress(goal, snapshot);
  const comparison = goal.direction === 'at_least' ? 'at least' : 'at most';
  return (
    <div className="goal-progress">
      <div
        className="goal-bar"
        role="meter"
        aria-label={`${goal.name}: ${goalValueText(goal, snapshot.value)} against a target of ${comparison} ${goalValueText(goal, snapshot.target)}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progress * 100)}
      >
        <span className={snapshot.onTrack ? 'ok' : 'danger'} style={{ width: `${progress * 100}%` }} />
      </div>
      <span className={`badge ${snapshot.onTrack ? 'ok' : 'danger'}`}>
        {snapshot.onTrack ? 'On track' : 'Off track'}
      </span>
    </div>
  );
}
