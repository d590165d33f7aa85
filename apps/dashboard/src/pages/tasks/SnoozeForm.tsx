import { type FormEvent, useId, useState } from 'react';
import { formatDate } from '../../format';
import { firstSnoozeDay, snoozeChoices, startOfDayIso } from './task-dates';

/** Snoozes a task until the start (UTC) of a day: a date input, or one of the quick choices. */
export function SnoozeForm({
  now,
  busy,
  onSnooze,
}: {
  now: number;
  busy: boolean;
  onSnooze: (until: string) => void;
}) {
  const [date, setDate] = useState('');
  const min = firstSnoozeDay(now);
  const hintId = useId();
  const until = startOfDayIso(date);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (until) onSnooze(until);
  };
  return (
    <form className="task-panel" onSubmit={submit} aria-label="Snooze task">
      <div className="form-row">
        <label>
          Snooze until
          <input
            type="date"
            required
            min={min}
            value={date}
            aria-describedby={hintId}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !until || date < min}>
          Snooze
        </button>
      </div>
      <div className="quick-choices" role="group" aria-label="Quick snooze">
        {snoozeChoices(now).map((choice) => (
          <button
            key={choice.label}
            type="button"
            disabled={busy}
            onClick={() => onSnooze(startOfDayIso(choice.date) as string)}
          >
            {choice.label} <span className="muted">({formatDate(choice.date)})</span>
          </button>
        ))}
      </div>
      <p id={hintId} className="muted hint">
        The task leaves the open list until the start of that day (UTC); its rule stays quiet for the account
        until then.
      </p>
    </form>
  );
}
