import { type FormEvent, useState } from 'react';
import { EMAIL_STATUSES, type EmailStatus } from './outbox';

export interface OutboxFilterState {
  status: EmailStatus | '';
  recipient: string;
}

/** The outbox's status filter (applied at once) and recipient search (applied on submit). */
export function OutboxFilters({
  state,
  onChange,
}: {
  state: OutboxFilterState;
  onChange: (state: OutboxFilterState) => void;
}) {
  const [recipient, setRecipient] = useState(state.recipient);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...state, recipient: recipient.trim() });
  };
  return (
    <form className="form-row" onSubmit={submit} role="search" aria-label="Filter emails">
      <label>
        Status
        <select
          value={state.status}
          onChange={(e) => onChange({ ...state, status: e.target.value as EmailStatus | '' })}
        >
          {EMAIL_STATUSES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Recipient
        <input
          type="search"
          inputMode="email"
          placeholder="ann@example.com"
          value={recipient}
          onChange={(e) => setRecipient(e.target.value)}
        />
      </label>
      <button type="submit">Search</button>
      {state.recipient && (
        <button
          type="button"
          className="link"
          onClick={() => {
            setRecipient('');
            onChange({ ...state, recipient: '' });
          }}
        >
          Clear
        </button>
      )}
    </form>
  );
}
