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
      <label>
        Status
        <select value={state.status} onChange={(e) => onChange({ ...state, status: e.target.value })}>
          {STATUS_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select value={state.priority} onChange={(e) => onChange({ ...state, priority: e.target.value })}>
          {PRIORITY_FILTERS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
