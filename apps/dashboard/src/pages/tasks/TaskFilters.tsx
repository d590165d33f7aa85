import { ChoiceSelect } from '../../components/ChoiceSelect';
import { PRIORITY_FILTERS, STATUS_FILTERS, type TaskFilterState } from './task-filters';

/** The inbox's status and priority filters. */
export function TaskFilters({
  state,
  onChange,
}: {
  state: TaskFilterState;
  onChange: (state: TaskFilterState) => void;
}) {
  return (
    <div className="form-row">
      <ChoiceSelect
        label="Status"
        value={state.status}
        choices={STATUS_FILTERS}
        onChange={(status) => onChange({ ...state, status })}
      />
      <ChoiceSelect
        label="Priority"
        value={state.priority}
        choices={PRIORITY_FILTERS}
        onChange={(priority) => onChange({ ...state, priority })}
      />
    </div>
  );
}
