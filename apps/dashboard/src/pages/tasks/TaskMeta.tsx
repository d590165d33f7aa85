import { Link } from 'react-router';
import type { Task } from '@bindery/contracts';
import { formatDate } from '../../format';
import { accountPath } from '../accounts/account-rows';
import { isOverdue } from './task-dates';

/** Whose task it is, about which account, and when it is due (overdue in red). */
export function TaskMeta({ task, now }: { task: Task; now: number }) {
  const overdue = isOverdue(task, now);
  return (
    <dl className="task-meta">
      <div>
        <dt>Account</dt>
        <dd>{task.accountId ? <Link to={accountPath(task.accountId)}>{task.accountId}</Link> : '—'}</dd>
      </div>
      <div>
        <dt>Assignee</dt>
        <dd>{task.assignee ?? <span className="muted">Unassigned</span>}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd className={overdue ? 'overdue' : undefined}>
          <time dateTime={task.dueAt}>{formatDate(task.dueAt)}</time>
          {overdue && <span className="badge danger">Overdue</span>}
        </dd>
      </div>
      {task.status === 'snoozed' && task.snoozedUntil && (
        <div>
          <dt>Snoozed until</dt>
          <dd>
            <time dateTime={task.snoozedUntil}>{formatDate(task.snoozedUntil)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
