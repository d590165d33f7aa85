import type { GoalList } from '@bindery/contracts';
import { Link } from 'react-router';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { Section } from '../../components/Section';
import { goalChange, goalValueText, periodName } from './goal-format';
import { GoalProgress } from './GoalProgress';
import './goals.css';

/** The overview's goals: each goal's newest period against its target, and how it moved since the one before. */
export function GoalsCard() {
  const goals = useProjectGet<GoalList>('goals');
  return (
    <Section title="Goals" actions={<Link to="/outcomes#goals">History</Link>}>
      <DataState
        query={goals}
        label="goals"
        minHeight={120}
        isEmpty={(d) => d.goals.length === 0}
        empty="No goals yet: set them on the Outcomes page."
      >
        {(data) => (
          <ul className="goal-list">
            {data.goals.map((goal) => (
              <li key={goal.id}>
                <div className="goal-line">
                  <strong>{goal.name}</strong>
                  <span className="muted">
                    {goal.latest
                      ? `${goalValueText(goal, goal.latest.value)} · target ${goalValueText(goal, goal.target)} · ${periodName(goal.cadence, goal.latest.periodStart)}`
                      : 'measured when its first period ends'}
                  </span>
                </div>
                {goal.latest && <GoalProgress goal={goal} snapshot={goal.latest} />}
                {goalChange(goal) && <span className="muted goal-change">{goalChange(goal)}</span>}
              </li>
            ))}
          </ul>
        )}
      </DataState>
    </Section>
  );
}
