import { useState } from 'react';
import { PageHeader } from '../components/Layout';
import { useUrlState } from '../components/url-state';
import { useSession } from '../session';
import { LinkedTask } from './tasks/LinkedTask';
import { readTaskFilters, taskFilterPatch, taskListQuery, type TaskFilterState } from './tasks/task-filters';
import { TaskFilters } from './tasks/TaskFilters';
import { TaskList } from './tasks/TaskList';
import { ViewSwitch } from './tasks/ViewSwitch';
import './workflow.css';

const EMPTY: Record<TaskFilterState['view'], string> = {
  mine: 'No tasks for you with these filters. Nice work.',
  all: 'No tasks with these filters.',
  unassigned: 'No unassigned tasks with these filters: the shared queue is empty.',
};

/**
 * The CSM's inbox: their tasks, everyone's, or the shared queue's, worked from one list; filters in the URL, and
 * the task a link names (`?task=`) above them.
 */
export function Tasks() {
  const { session, current } = useSession();
  const email = session?.email ?? '';
  const { params, patch } = useUrlState();
  // A CSM opens on their own tasks; others, who are rarely assigned any, on everyone's.
  const filters = readTaskFilters(params, current?.role === 'csm' ? email : '');
  const linked = params.get('task');
  const [notice, setNotice] = useState('');
  const query = taskListQuery(filters, email);
  const update = (change: Partial<TaskFilterState>) => {
    setNotice('');
    patch(taskFilterPatch(change));
  };

  return (
    <>
      <PageHeader title="Tasks" />
      <div className="stack">
        {linked && (
          <LinkedTask
            id={linked}
            myEmail={email}
            onClose={() => patch({ task: null })}
            onChanged={setNotice}
          />
        )}
        <div className="task-toolbar">
          <ViewSwitch view={filters.view} onChange={(view) => update({ view })} />
          <TaskFilters state={filters} onChange={update} />
        </div>
        <div className="task-caption">
          {filters.view === 'mine' && (
            <span className="muted">
              Tasks assigned to <strong>{email}</strong>.
            </span>
          )}
          <span className="task-notice" role="status">
            {notice}
          </span>
        </div>
        {query && (
          <TaskList query={query} myEmail={email} emptyText={EMPTY[filters.view]} onChanged={setNotice} />
        )}
      </div>
    </>
  );
}
