import { type FormEvent, useId, useState } from 'react';
import { AssigneePicker } from './AssigneePicker';

/** Gives a task to one of the project's CSMs, someone else by email, or back to the shared queue. */
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
  const [next, setNext] = useState<string | null | undefined>(assignee);
  const hintId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== undefined) onAssign(next);
  };
  return (
    <form className="task-panel" onSubmit={submit} aria-label="Reassign task" aria-describedby={hintId}>
      <div className="form-row">
        <AssigneePicker value={next} onChange={setNext} />
        <button type="submit" className="primary" disabled={busy || next === undefined || next === assignee}>
          {next === null ? 'Unassign' : 'Reassign'}
        </button>
        {myEmail && assignee !== myEmail && (
          <button type="button" disabled={busy} onClick={() => onAssign(myEmail)}>
            Assign to me
          </button>
        )}
      </div>
      <p id={hintId} className="muted hint">
        The project’s CSMs and everyone holding a live task are listed; the shared queue is for anyone to
        take.
      </p>
    </form>
  );
}
