import type { TaskDetail } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { TaskCard } from './TaskCard';

/** The task a link names (`/tasks?task=<id>`, as in a CSM's alert email), above the inbox, whatever its filters. */
export function LinkedTask({
  id,
  myEmail,
  onClose,
  onChanged,
}: {
  id: string;
  myEmail: string;
  onClose: () => void;
  onChanged: (message: string) => void;
}) {
  const task = useProjectGet<TaskDetail>(`tasks/${encodeURIComponent(id)}`);
  return (
    <section className="stack linked-task" aria-labelledby="linked-task-heading">
      <div className="report-head">
        <h2 id="linked-task-heading">The linked task</h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <DataState query={task} label="task" minHeight={120}>
        {(data) => <TaskCard task={data} now={task.dataUpdatedAt} myEmail={myEmail} onChanged={onChanged} />}
      </DataState>
    </section>
  );
}
