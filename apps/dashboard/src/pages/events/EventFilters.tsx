import { type FormEvent, useState } from 'react';
import { Combobox } from '../../components/Combobox';
import { useEventOptions } from '../../components/suggestions';
import { type EventFilterState, NO_EVENT_FILTERS } from './event-format';

/** The explorer's filters, applied on submit; the event field suggests the project's event names. */
export function EventFilters({
  applied,
  onApply,
}: {
  applied: EventFilterState;
  onApply: (filters: EventFilterState) => void;
}) {
  const [draft, setDraft] = useState(applied);
  const { options } = useEventOptions();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const set = (field: keyof EventFilterState) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const active = applied.event !== '' || applied.userId !== '' || applied.accountId !== '';

  return (
    <form className="form-row" onSubmit={submit} role="search" aria-label="Filter events">
      <Combobox
        label="Event"
        placeholder="Any event"
        value={draft.event}
        options={options}
        onChange={(event) => setDraft((d) => ({ ...d, event }))}
      />
      <label>
        User ID
        <input placeholder="Any user" autoComplete="off" value={draft.userId} onChange={set('userId')} />
      </label>
      <label>
        Account ID
        <input
          placeholder="Any account"
          autoComplete="off"
          value={draft.accountId}
          onChange={set('accountId')}
        />
      </label>
      <button type="submit" className="primary">
        Apply
      </button>
      {active && (
        <button
          type="button"
          className="link"
          onClick={() => {
            setDraft(NO_EVENT_FILTERS);
            onApply(NO_EVENT_FILTERS);
          }}
        >
          Clear filters
        </button>
      )}
    </form>
  );
}
