import { type FormEvent, useId, useState } from 'react';

/** Gives a task to a CSM by email, or back to the shared queue when the field is left empty. */
export function ReassignForm({
  assignee,
  myEmail,
  busy,
  onAssign,
}: {
  assignee: string | null;
  myEmail: string;
  busy: boolean;
  onAssign: (assignee: string | null) => void;
}) {
  const [email, setEmail] = useState(assignee ?? '');
  const hintId = useId();
  const next = email.trim() || null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onAssign(next);
  };
  return (
    <form className="task-panel" onSubmit={submit} aria-label="Reassign task">
      <div className="form-row">
        <label>
          Assign to
          <input
            type="email"
            placeholder="csm@company.com"
            value={email}
            aria-describedby={hintId}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || next === assignee}>
          {next ? 'Reassign' : 'Unassign'}
        </button>
        {myEmail && assignee !== myEmail && (
          <button type="button" disabled={busy} onClick={() => onAssign(myEmail)}>
            Assign to me
          </button>
        )}
      </div>
      <p id={hintId} className="muted hint">
        Leave it empty to put the task back in the shared queue.
      </p>
    </form>
  );
}
