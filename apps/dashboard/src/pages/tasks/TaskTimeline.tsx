import type { TaskDetail } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { formatDateTime } from '../../format';
import { describeChange } from './timeline';

/** A task's history, oldest first: created by its rule, signals added, each CSM change. */
export function TaskTimeline({ taskId }: { taskId: string }) {
  const detail = useProjectGet<TaskDetail>(`tasks/${taskId}`);
  return (
    <div className="task-panel">
      <h4>Timeline</h4>
      <DataState
        query={detail}
        minHeight={60}
        label="timeline"
        isEmpty={(d) => d.timeline.length === 0}
        empty="No changes recorded yet."
      >
        {(d) => (
          <ol className="task-timeline">
            {d.timeline.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                <span>{describeChange(entry.change)}</span>
                <span className="muted">by {entry.actor}</span>
              </li>
            ))}
          </ol>
        )}
      </DataState>
    </div>
  );
}
