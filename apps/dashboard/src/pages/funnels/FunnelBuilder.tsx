import type { ReactNode } from 'react';
import { AggregationSelect } from '../../components/AggregationSelect';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import type { Suggestion } from '../../components/Combobox';
import { formatDuration } from '../../format';
import {
  addStep,
  type FormError,
  type FunnelForm,
  MAX_STEPS,
  moveStep,
  ORDERS,
  removeStep,
  updateStep,
  WINDOWS,
} from './funnel-form';
import { errorId, StepRow } from './StepRow';

/** The funnel builder: steps from the project's events, the options of the query, its range (`range`), and Run. */
export function FunnelBuilder({
  form,
  onChange,
  options,
  range,
  errors,
  apiError,
  running,
  onRun,
}: {
  form: FunnelForm;
  onChange: (form: FunnelForm) => void;
  options: Suggestion[];
  range: ReactNode;
  errors: FormError[];
  apiError: string | null;
  running: boolean;
  onRun: () => void;
}) {
  const invalid = new Set(errors.map((e) => e.field));
  const windows = WINDOWS.some((w) => w.seconds === form.windowSeconds)
    ? WINDOWS
    : [...WINDOWS, { seconds: form.windowSeconds, label: formatDuration(form.windowSeconds) }];
  const order = ORDERS.find((o) => o.value === form.order);

  return (
    <form
      className="funnel-builder"
      aria-label="Funnel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onRun();
      }}
    >
      <fieldset>
        <legend>Steps</legend>
        <ol className="funnel-steps">
          {form.steps.map((step, i) => (
            <StepRow
              key={step.key}
              step={step}
              index={i}
              count={form.steps.length}
              options={options}
              invalidFields={invalid}
              onChange={(change) => onChange(updateStep(form, i, change))}
              onMove={(delta) => onChange(moveStep(form, i, delta))}
              onRemove={() => onChange(removeStep(form, i))}
            />
          ))}
        </ol>
        <button
          type="button"
          onClick={() => onChange(addStep(form))}
          disabled={form.steps.length >= MAX_STEPS}
        >
          + Add step
        </button>
      </fieldset>

      <div className="funnel-options">
        <ChoiceSelect
          label="Order"
          value={form.order}
          choices={ORDERS}
          aria-describedby="funnel-order-hint"
          onChange={(order) => onChange({ ...form, order })}
        />
        <label>
          Converts within
          <select
            value={form.windowSeconds}
            onChange={(e) => onChange({ ...form, windowSeconds: Number(e.target.value) })}
          >
            {windows.map((w) => (
              <option key={w.seconds} value={w.seconds}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <AggregationSelect
          value={form.aggregateBy}
          onChange={(aggregateBy) => onChange({ ...form, aggregateBy })}
        />
        <label>
          Breakdown by
          <input
            value={form.breakdown}
            placeholder="e.g. plan"
            onChange={(e) => onChange({ ...form, breakdown: e.target.value })}
          />
        </label>
        {range}
      </div>
      <p id="funnel-order-hint" className="muted report-hint">
        {order?.label}: {order?.hint}.
      </p>

      {(errors.length > 0 || apiError) && (
        <ul className="report-errors" role="alert">
          {errors.map((e) => (
            <li key={e.field + e.message} id={errorId(e.field)}>
              {e.message}
            </li>
          ))}
          {apiError && <li>{apiError}</li>}
        </ul>
      )}
      <div>
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Running…' : 'Run funnel'}
        </button>
      </div>
    </form>
  );
}
