import { Link } from 'react-router';
import type { Task, TaskAccount } from '@bindery/contracts';
import { AbcBadge, HealthBadge } from '../../components/HealthBadge';
import { formatDate, formatMoney } from '../../format';
import { accountPath } from '../accounts/account-rows';
import { OUTCOME_LABELS } from './CloseTaskForm';
import { isOverdue } from './task-dates';

/** A task as the list gives it: with its account's facts when the API read them. */
export type CardTask = Task & { account?: TaskAccount | null };

/** The account's health now, and the score a week or more before it when there is one ("75 → 41"). */
function HealthTrend({ health }: { health: NonNullable<TaskAccount['health']> }) {
  const before = health.before;
  return (
    <>
      {before && (
        <span
          className={before.score - health.score >= 10 ? 'trend-change error' : 'trend-change muted'}
          title={`Health ${before.score} on ${formatDate(before.day)}, ${health.score} on ${formatDate(health.day)}`}
        >
          {before.score} →
        </span>
      )}
      <HealthBadge score={health.score} />
    </>
  );
}

/** Whose task it is, about which account (its MRR, class and health), when it is due, and how it ended. */
export function TaskMeta({ task, now }: { task: CardTask; now: number }) {
  const overdue = isOverdue(task, now);
  const account = task.account;
  return (
    <dl className="task-meta">
      <div>
        <dt>Account</dt>
        <dd>
          {task.accountId ? (
            <Link to={accountPath(task.accountId)}>{account?.name ?? task.accountId}</Link>
          ) : (
            '—'
          )}
        </dd>
      </div>
      {account && (
        <>
          <div>
            <dt>MRR</dt>
            <dd>{formatMoney(account.mrr)}</dd>
          </div>
          <div>
            <dt>Class</dt>
            <dd>
              <AbcBadge abc={account.abc} />
            </dd>
          </div>
          <div>
            <dt>Health</dt>
            <dd>{account.health ? <HealthTrend health={account.health} /> : <HealthBadge score={null} />}</dd>
          </div>
        </>
      )}
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
      {task.outcome && (
        <div>
          <dt>Outcome</dt>
          <dd>
            {OUTCOME_LABELS[task.outcome]}
            {task.outcomeNote && <span className="muted">({task.outcomeNote})</span>}
          </dd>
        </div>
      )}
    </dl>
  );
}
