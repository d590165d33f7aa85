import { type FormEvent, useState } from 'react';
import { ChoiceSelect } from '../../components/ChoiceSelect';
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
      <ChoiceSelect
        label="Status"
        value={state.status}
        choices={EMAIL_STATUSES}
        onChange={(status) => onChange({ ...state, status })}
      />
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
