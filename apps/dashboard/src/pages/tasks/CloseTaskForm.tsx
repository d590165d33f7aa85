import { type FormEvent, useId, useState } from 'react';
import type { TaskPatch } from '@bindery/contracts';

export type Outcome = NonNullable<TaskPatch['outcome']>;
export type ClosingStatus = 'done' | 'dismissed';

export const OUTCOME_LABELS: Record<Outcome | 'condition_cleared', string> = {
  resolved: 'Resolved',
  no_response: 'No response',
  churn_risk_confirmed: 'Churn risk confirmed',
  other: 'Other',
  condition_cleared: 'Condition cleared',
};
const OUTCOMES: Outcome[] = ['resolved', 'no_response', 'churn_risk_confirmed', 'other'];

/** Closes a task (done or dismissed) with how it ended; "Other" needs a few words, the rest may have some. */
export function CloseTaskForm({
  status,
  busy,
  onClose,
  onCancel,
}: {
  status: ClosingStatus;
  busy: boolean;
  onClose: (patch: TaskPatch) => void;
  onCancel: () => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [note, setNote] = useState('');
  const noteId = useId();
  const needsNote = outcome === 'other' && note.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome || needsNote) return;
    onClose({ status, outcome, ...(note.trim() && { outcomeNote: note.trim() }) });
  };
  return (
    <form className="task-panel" onSubmit={submit} aria-label="Close task">
      <fieldset className="outcome-choices">
        <legend>How did it end?</legend>
        {OUTCOMES.map((o) => (
          <label key={o} className="inline">
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {OUTCOME_LABELS[o]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={noteId} className="note-input">
        {outcome === 'other' ? 'What happened (required)' : 'What happened (optional)'}
        <textarea
          id={noteId}
          rows={2}
          maxLength={2000}
          required={outcome === 'other'}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy || !outcome || needsNote}>
          {status === 'done' ? 'Mark done' : 'Dismiss'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
