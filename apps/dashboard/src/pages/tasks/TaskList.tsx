import type { Task, TaskList as TaskPage } from '@bindery/contracts';
import type { QueryParams } from '../../api/client';
import { useProjectPages } from '../../api/hooks';
import { PagedList } from '../../components/PagedList';
import { TaskCard } from './TaskCard';

/** The tasks the filters select, in the API's order (priority, then due date), a page at a time. */
export function TaskList({
  query,
  myEmail,
  emptyText,
  onChanged,
}: {
  query: QueryParams;
  myEmail: string;
  emptyText: string;
  onChanged: (message: string) => void;
}) {
  const pages = useProjectPages<TaskPage, Task>('tasks', query, (p) => p.tasks);
  return (
    <PagedList pages={pages} noun="task" minHeight={320} empty={emptyText}>
      {(tasks) => (
        <ul className="list-stack">
          {tasks.map((task) => (
            <li key={task.id}>
              <TaskCard task={task} now={pages.dataUpdatedAt} myEmail={myEmail} onChanged={onChanged} />
            </li>
          ))}
        </ul>
      )}
    </PagedList>
  );
}
