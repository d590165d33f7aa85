import { useEffect, useState } from 'react';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import {
  PRIORITY_FILTERS,
  SORT_CHOICES,
  STATUS_FILTERS,
  type TaskFilterState,
  type TaskSort,
} from './task-filters';

/** How long typing pauses before the search is asked for. */
const SEARCH_PAUSE_MS = 300;

/** The inbox's search, status and priority filters, and its order; a change names only the filter changed. */
export function TaskFilters({
  state,
  onChange,
}: {
  state: TaskFilterState;
  onChange: (change: Partial<TaskFilterState>) => void;
}) {
  return (
    <div className="form-row task-filters">
      <TaskSearch value={state.q} onChange={(q) => onChange({ q })} />
      <ChoiceSelect
        label="Status"
        value={state.status}
        choices={STATUS_FILTERS}
        onChange={(status) => onChange({ status })}
      />
      <ChoiceSelect
        label="Priority"
        value={state.priority}
        choices={PRIORITY_FILTERS}
        onChange={(priority) => onChange({ priority })}
      />
      <ChoiceSelect<TaskSort>
        label="Sort"
        value={state.sort}
        choices={SORT_CHOICES}
        onChange={(sort) => onChange({ sort })}
      />
    </div>
  );
}

/** A search field that asks once typing pauses, so that each key does not reload the list. */
function TaskSearch({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  // The URL may change under the field (back, a link): show what it says.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => onChange(text), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="task-search">
      Search
      <input
        type="search"
        placeholder="Title, account name or id"
        maxLength={200}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}
