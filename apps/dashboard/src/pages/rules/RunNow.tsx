import type { Rule, RuleRun } from '@bindery/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { useProjectGet, useProjectMutation } from '../../api/hooks';
import { formatDuration, formatInt } from '../../format';
import { isRunFinished, summarizeRun } from './run-summary';

const POLL_MS = 1000;

/** "Run now": queues an evaluation of the project's rules, then follows it until it is done or failed. */
export function useRuleRun() {
  const [runId, setRunId] = useState<string | null>(null);
  const start = useProjectMutation<void, RuleRun>('POST', () => 'rules/run');
  const run = useProjectGet<RuleRun>(
    `rules/runs/${runId}`,
    {},
    {
      enabled: runId !== null,
      placeholderData: undefined,
      refetchInterval: (query) => (isRunFinished(query.state.data) ? false : POLL_MS),
    },
  );
  const current = runId ? run.data : undefined;
  return {
    start: () => start.mutate(undefined, { onSuccess: (queued) => setRunId(queued.id) }),
    busy: start.isPending || (runId !== null && !isRunFinished(current)),
    run: current,
    error: start.error ?? (runId ? run.error : null),
    dismiss: () => {
      setRunId(null);
      start.reset();
    },
  };
}

/** Where the last "Run now" is, and once done, the signals it emitted per rule. */
export function RunPanel({
  run,
  error,
  rules,
  onDismiss,
}: {
  run?: RuleRun;
  error: Error | null;
  rules: Rule[];
  onDismiss: () => void;
}) {
  if (!run && !error) return null;
  const title = error ? 'Run not started' : `Run ${run?.status === 'done' ? 'finished' : run?.status}`;
  return (
    <section className="card run-panel" aria-labelledby="run-title" aria-live="polite">
      <div className="run-head">
        <h2 id="run-title">{title}</h2>
        {(error || isRunFinished(run)) && (
          <button type="button" className="link" onClick={onDismiss}>
            Dismiss
          </button>
        )}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error.message}
        </p>
      ) : (
        run && <RunBody run={run} rules={rules} />
      )}
    </section>
  );
}

function RunBody({ run, rules }: { run: RuleRun; rules: Rule[] }) {
  if (run.status === 'failed') {
    return (
      <p className="error" role="alert">
        {run.error ?? 'The run failed.'}
      </p>
    );
  }
  if (run.status !== 'done') {
    return (
      <p className="muted" role="status">
        {run.status === 'queued' ? 'Waiting for the rules worker…' : 'Evaluating the enabled rules…'}
      </p>
    );
  }
  const summary = summarizeRun(run, rules);
  const seconds =
    run.startedAt && run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000 : null;
  const took = seconds === null ? '' : seconds < 1 ? ' in under a second' : ` in ${formatDuration(seconds)}`;
  return (
    <div className="stack">
      <p role="status">
        <strong>{formatInt(summary.signals)}</strong> new {summary.signals === 1 ? 'signal' : 'signals'} from{' '}
        {formatInt(summary.perRule.length)} {summary.perRule.length === 1 ? 'rule' : 'rules'}
        {summary.accountsScored !== null && <>; {formatInt(summary.accountsScored)} accounts scored</>}
        {took}.{' '}
        {summary.signals > 0 ? (
          <>
            New tasks are in <Link to="/tasks">Tasks</Link>.
          </>
        ) : (
          'Subjects already signalled fire again only after their rule’s cooldown.'
        )}
      </p>
      {summary.perRule.length > 0 && (
        <ul className="run-counts">
          {summary.perRule.map((r) => (
            <li key={r.ruleId}>
              <span>{r.name}</span>
              <span className="num">{formatInt(r.signals)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
