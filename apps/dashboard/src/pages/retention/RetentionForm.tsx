import { RangeSelect } from '../../components/RangeSelect';
import { AggregationSelect } from '../../components/AggregationSelect';
import { Combobox, type Suggestion } from '../../components/Combobox';
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
  options: Suggestion[];
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
        <Combobox
          label="Cohort by first"
          placeholder="Pick an event"
          value={draft.startEvent}
          options={options}
          onChange={(startEvent) => set({ startEvent })}
        />
        <Combobox
          label="Came back with"
          placeholder="Pick an event"
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
        <AggregationSelect value={draft.aggregateBy} onChange={(aggregateBy) => set({ aggregateBy })} />
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
