import type { Task, TaskList as TaskPage } from '@bindery/contracts';
import type { QueryParams } from '../../api/client';
import { useProjectPages } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { LoadMore } from './LoadMore';
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
    <DataState
      query={pages}
      minHeight={320}
      label="tasks"
      isEmpty={() => pages.items.length === 0}
      empty={emptyText}
    >
      {() => (
        <>
          <ul className="task-list">
            {pages.items.map((task) => (
              <li key={task.id}>
                <TaskCard task={task} now={pages.dataUpdatedAt} myEmail={myEmail} onChanged={onChanged} />
              </li>
            ))}
          </ul>
          <LoadMore
            shown={pages.items.length}
            noun="task"
            hasMore={pages.hasNextPage}
            loading={pages.isFetchingNextPage}
            onLoad={() => void pages.fetchNextPage()}
          />
        </>
      )}
    </DataState>
  );
}
