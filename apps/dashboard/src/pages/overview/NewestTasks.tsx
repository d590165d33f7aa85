import type { TaskListItem } from '@bindery/contracts';
import { Link } from 'react-router';
import { accountPath } from '../accounts/account-rows';
import { RelativeTime } from '../../components/RelativeTime';
import { PriorityBadge } from '../accounts/TaskBadges';

/** The newest open tasks: what the rules asked of the CSMs most recently. */
export function NewestTasks({ tasks }: { tasks: TaskListItem[] }) {
  if (tasks.length === 0) return <div className="state state-empty">No open task. The inbox is clear.</div>;
  return (
    <>
      <ul className="item-list">
        {tasks.map((t) => (
          <li key={t.id}>
            <div className="item-main">
              <PriorityBadge priority={t.priority} />
              <Link to="/tasks" className="item-title">
                {t.title}
              </Link>
            </div>
            <div className="item-meta muted">
              {t.accountId && <Link to={accountPath(t.accountId)}>{t.account?.name ?? t.accountId}</Link>}
              <span>{t.assignee ?? 'shared queue'}</span>
              <span>
                created <RelativeTime iso={t.createdAt} />
              </span>
            </div>
          </li>
        ))}
      </ul>
      <p className="item-foot">
        <Link to="/tasks">Open the task inbox</Link>
      </p>
    </>
  );
}
