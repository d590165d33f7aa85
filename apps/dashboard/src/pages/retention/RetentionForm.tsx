import type { Aggregation } from '@bindery/contracts';
import { RangeSelect } from '../../components/RangeSelect';
import { EventCombobox, type EventOption } from '../funnels/EventCombobox';
import { MAX_PERIODS, type RetentionDraft } from './retention-grid';

/** What the retention grid is of: the cohort and return events, the period, how many, and the range. */
export function RetentionForm({
  draft,
  onChange,
  options,
  errors,
  running,
  onSubmit,
}: {
  draft: RetentionDraft;
  onChange: (draft: RetentionDraft) => void;
  options: EventOption[];
  errors: string[];
  running: boolean;
  onSubmit: () => void;
}) {
  const set = (change: Partial<RetentionDraft>) => onChange({ ...draft, ...change });
  return (
    <form
      className="stack"
      aria-label="Retention"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="retention-form">
        <EventCombobox
          label="Cohort by first"
          value={draft.startEvent}
          options={options}
          onChange={(startEvent) => set({ startEvent })}
        />
        <EventCombobox
          label="Came back with"
          value={draft.returnEvent}
          options={options}
          onChange={(returnEvent) => set({ returnEvent })}
        />
        <label>
          Period
          <select
            value={draft.period}
            onChange={(e) => set({ period: e.target.value as RetentionDraft['period'] })}
          >
            <option value="week">Weekly</option>
            <option value="day">Daily</option>
          </select>
        </label>
        <label>
          {draft.period === 'week' ? 'Weeks' : 'Days'} to follow
          <input
            type="number"
            min={1}
            max={MAX_PERIODS}
            value={draft.periods}
            onChange={(e) => set({ periods: e.target.value })}
          />
        </label>
        <label>
          Count
          <select
            value={draft.aggregateBy}
            onChange={(e) => set({ aggregateBy: e.target.value as Aggregation })}
          >
            <option value="user">People</option>
            <option value="account">Accounts</option>
          </select>
        </label>
        <RangeSelect days={draft.days} onChange={(days) => set({ days })} />
        <div>
          <button type="submit" className="primary" disabled={running}>
            {running ? 'Loading…' : 'Show retention'}
          </button>
        </div>
      </div>
      {errors.length > 0 && (
        <ul className="report-errors" role="alert">
          {errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
