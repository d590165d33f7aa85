import { type FormEvent, useId, useState } from 'react';
import type { EventDefinitionList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { formatInt } from '../../format';
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
  // Suggestions only: without them the field still takes any name, so a failed load shows nothing.
  const definitions = useProjectGet<EventDefinitionList>('event-definitions', {}, { staleTime: 60_000 });
  const listId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const set = (field: keyof EventFilterState) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [field]: e.target.value }));
  const active = applied.event !== '' || applied.userId !== '' || applied.accountId !== '';

  return (
    <form className="form-row" onSubmit={submit} role="search" aria-label="Filter events">
      <label>
        Event
        <input
          list={listId}
          placeholder="Any event"
          autoComplete="off"
          value={draft.event}
          onChange={set('event')}
        />
      </label>
      <datalist id={listId}>
        {definitions.data?.definitions.map((d) => (
          <option key={d.event} value={d.event}>
            {formatInt(d.count)} events
          </option>
        ))}
      </datalist>
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
