import { useState } from 'react';
import type { Task, TaskList } from '@bindery/contracts';
import { Link } from 'react-router';
import { useProjectGet } from '../../api/hooks';
import { DataState } from '../../components/DataState';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatDate } from '../../format';
import { RelativeTime } from '../../components/RelativeTime';
import { Section } from '../../components/Section';
import { OUTCOME_LABELS } from '../tasks/CloseTaskForm';
import { NewTaskForm } from './NewTaskForm';
import { PriorityBadge, TaskStatusBadge } from './TaskBadges';

/** Every status the API knows, so the page shows closed tasks too. */
const ALL_STATUSES: Task['status'][] = ['open', 'in_progress', 'snoozed', 'done', 'dismissed'];
const LIMIT = 100;

const COLUMNS: Column<Task>[] = [
  { key: 'title', header: 'Task', render: (t) => <span className="cell-text">{t.title}</span> },
  {
    key: 'priority',
    header: 'Priority',
    sortValue: (t) => t.priority,
    render: (t) => <PriorityBadge priority={t.priority} />,
  },
  {
    key: 'status',
    header: 'Status',
    sortValue: (t) => t.status,
    render: (t) => (
      <span className="status-cell">
        <TaskStatusBadge status={t.status} />
        {t.outcome && (
          <span className="muted" title={t.outcomeNote ?? undefined}>
            {OUTCOME_LABELS[t.outcome]}
          </span>
        )}
      </span>
    ),
  },
  {
    key: 'assignee',
    header: 'Assignee',
    sortValue: (t) => t.assignee,
    render: (t) => t.assignee ?? <span className="muted">shared queue</span>,
  },
  { key: 'due', header: 'Due', sortValue: (t) => Date.parse(t.dueAt), render: (t) => formatDate(t.dueAt) },
  {
    key: 'created',
    header: 'Created',
    sortValue: (t) => Date.parse(t.createdAt),
    render: (t) => <RelativeTime iso={t.createdAt} />,
  },
];

/** The account's tasks in every status, by priority then due date as the API gives them; and a new one. */
export function AccountTasks({ accountId }: { accountId: string }) {
  const tasks = useProjectGet<TaskList>('tasks', { accountId, status: ALL_STATUSES.join(','), limit: LIMIT });
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState('');
  return (
    <Section
      title="Tasks"
      actions={
        <>
          <button
            type="button"
            aria-expanded={adding}
            onClick={() => {
              setNotice('');
              setAdding((open) => !open);
            }}
          >
            New task
          </button>
          <Link to={`/tasks?view=all&q=${encodeURIComponent(accountId)}`}>Open in the task inbox</Link>
        </>
      }
    >
      {adding && (
        <NewTaskForm
          accountId={accountId}
          onDone={(message) => {
            setAdding(false);
            setNotice(message);
          }}
        />
      )}
      <p className="task-notice" role="status">
        {notice}
      </p>
      <DataState
        query={tasks}
        label="tasks"
        minHeight={120}
        isEmpty={(d) => d.tasks.length === 0}
        empty="No task for this account yet."
      >
        {(data) => (
          <>
            <SortableTable
              rows={data.tasks}
              columns={COLUMNS}
              rowKey={(t) => t.id}
              caption="Tasks of the account"
            />
            {data.nextCursor && <p className="muted">The first {LIMIT} tasks are shown.</p>}
          </>
        )}
      </DataState>
    </Section>
  );
}
