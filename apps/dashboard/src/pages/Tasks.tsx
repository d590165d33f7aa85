import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../components/Layout';
import { useSession } from '../session';
import { EmailPrompt } from './tasks/EmailPrompt';
import { readTaskFilters, taskListQuery, type TaskFilterState, writeTaskFilters } from './tasks/task-filters';
import { TaskFilters } from './tasks/TaskFilters';
import { TaskList } from './tasks/TaskList';
import { ViewSwitch } from './tasks/ViewSwitch';
import './workflow.css';

const EMPTY: Record<TaskFilterState['view'], string> = {
  mine: 'No tasks for you with these filters. Nice work.',
  all: 'No tasks with these filters.',
  unassigned: 'No unassigned tasks with these filters: the shared queue is empty.',
};

/** The CSM's inbox: their tasks, everyone's, or the shared queue's, worked from one list; filters in the URL. */
export function Tasks() {
  const { session, setEmail } = useSession();
  const email = session?.email ?? '';
  const [params, setParams] = useSearchParams();
  const filters = readTaskFilters(params, email);
  const [changingEmail, setChangingEmail] = useState(false);
  const [notice, setNotice] = useState('');
  const query = taskListQuery(filters, email);
  const update = (next: TaskFilterState) => {
    setNotice('');
    setParams(writeTaskFilters(next), { replace: true });
  };

  return (
    <>
      <PageHeader title="Tasks" />
      <div className="stack">
        <div className="task-toolbar">
          <ViewSwitch view={filters.view} onChange={(view) => update({ ...filters, view })} />
          <TaskFilters state={filters} onChange={update} />
        </div>
        <div className="task-caption">
          {filters.view === 'mine' && email && !changingEmail && (
            <span className="muted">
              Tasks assigned to <strong>{email}</strong>.{' '}
              <button type="button" className="link" onClick={() => setChangingEmail(true)}>
                Change
              </button>
            </span>
          )}
          <span className="task-notice" role="status">
            {notice}
          </span>
        </div>
        {filters.view === 'mine' && (!email || changingEmail) ? (
          <EmailPrompt
            current={email}
            onCancel={changingEmail ? () => setChangingEmail(false) : undefined}
            onSave={(next) => {
              setEmail(next);
              setChangingEmail(false);
            }}
          />
        ) : (
          query && (
            <TaskList query={query} myEmail={email} emptyText={EMPTY[filters.view]} onChanged={setNotice} />
          )
        )}
      </div>
    </>
  );
}
