import { useId, useState } from 'react';
import { Link } from 'react-router';
import type { Cohort, CohortTasksBody, CohortTasksResult, Task } from '@bindery/contracts';
import { ErrorState } from '../../components/DataState';
import { formatInt } from '../../format';
import { ConfirmRow, useDryRun } from './dry-run';

const PRIORITIES: Task['priority'][] = ['P1', 'P2', 'P3', 'P4'];

/**
 * A task on each account of the cohort, for the account's CSM: "Preview" asks for a dry run (how many, and the
 * first few), then "Create" makes them; a repeat makes only the missing ones.
 */
export function CohortTasks({ cohort }: { cohort: Cohort }) {
  const [title, setTitle] = useState(`Follow up: ${cohort.name}`);
  const [priority, setPriority] = useState<Task['priority']>('P3');
  const body: Omit<CohortTasksBody, 'confirm'> = { title: title.trim(), priority };
  const { plan, run, clear, preview, confirm } = useDryRun<typeof body, CohortTasksResult>(
    `cohorts/${cohort.id}/tasks`,
    ['tasks'],
    body,
  );
  const id = useId();

  return (
    <section className="stack cohort-action" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Tasks for the accounts</h3>
      <form className="form-row" onSubmit={preview} aria-label="Tasks for the accounts">
        <label>
          Task title
          <input
            value={title}
            maxLength={200}
            required
            onChange={(e) => {
              setTitle(e.target.value);
              clear();
            }}
          />
        </label>
        <label>
          Priority
          <select
            value={priority}
            onChange={(e) => {
              setPriority(e.target.value as Task['priority']);
              clear();
            }}
          >
            {PRIORITIES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={run.isPending || title.trim() === ''}>
          Preview tasks
        </button>
      </form>
      {run.error && <ErrorState error={run.error} />}
      {plan && !plan.confirmed && (
        <div className="stack" role="region" aria-label="Tasks preview">
          <p>
            {formatInt(plan.created)} new {plan.created === 1 ? 'task' : 'tasks'} for{' '}
            {formatInt(plan.accounts)} {plan.accounts === 1 ? 'account' : 'accounts'}
            {plan.alreadyCreated > 0 && ` (${formatInt(plan.alreadyCreated)} made from this cohort already)`}
            {plan.withoutAccount > 0 && `; ${formatInt(plan.withoutAccount)} people have no account`}.
          </p>
          {plan.preview.length > 0 && (
            <table>
              <caption className="visually-hidden">The first tasks</caption>
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">Title</th>
                </tr>
              </thead>
              <tbody>
                {plan.preview.map((t) => (
                  <tr key={t.accountId}>
                    <th scope="row">{t.accountName ?? t.accountId}</th>
                    <td>{t.assignee ?? 'shared queue'}</td>
                    <td>{t.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {plan.created > 0 && (
            <ConfirmRow busy={run.isPending} onConfirm={confirm} onCancel={clear}>
              Create {formatInt(plan.created)} {plan.created === 1 ? 'task' : 'tasks'}
            </ConfirmRow>
          )}
        </div>
      )}
      {plan?.confirmed && (
        <p className="notice" role="status">
          Created {formatInt(plan.created)} {plan.created === 1 ? 'task' : 'tasks'}
          {plan.alreadyCreated > 0 && ` (${formatInt(plan.alreadyCreated)} existed already)`}.{' '}
          <Link to="/tasks?view=all">Open the tasks</Link>
        </p>
      )}
    </section>
  );
}
