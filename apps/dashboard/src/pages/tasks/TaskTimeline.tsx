import type { TaskDetail } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { formatDateTime } from '../../format';
import { NoteForm } from './NoteForm';
import { describeChange, noteOf } from './timeline';

/** A task's history, oldest first: created, signals added, each CSM change and note; and a note to add. */
export function TaskTimeline({ taskId }: { taskId: string }) {
  const detail = useProjectGet<TaskDetail>(`tasks/${taskId}`);
  return (
    <div className="task-panel">
      <h4>Timeline and notes</h4>
      <DataState
        query={detail}
        minHeight={60}
        label="timeline"
        isEmpty={(d) => d.timeline.length === 0}
        empty="No changes recorded yet."
      >
        {(d) => (
          <ol className="task-timeline">
            {d.timeline.map((entry, i) => {
              const note = noteOf(entry.change);
              return (
                <li key={`${entry.at}-${i}`} className={note === null ? undefined : 'timeline-note'}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                  {note === null ? <span>{describeChange(entry.change)}</span> : <q>{note}</q>}
                  <span className="muted">by {entry.actor}</span>
                </li>
              );
            })}
          </ol>
        )}
      </DataState>
      <NoteForm path={`tasks/${taskId}/notes`} label="Add a note to the task" />
    </div>
  );
}
