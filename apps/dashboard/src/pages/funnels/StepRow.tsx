import { ChoiceSelect } from '../../components/ChoiceSelect';
import { Combobox, type Suggestion } from '../../components/Combobox';
import { type FilterForm, opNeedsValue, OPS, type StepForm } from './funnel-form';

/** Where a field's error is read out: the id of its line in the form's error list. */
export const errorId = (field: string) => `funnel-error-${field}`;

/** One step of the funnel builder: its event, its property filters, and the buttons that move it. */
export function StepRow({
  step,
  index,
  count,
  options,
  invalidFields,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepForm;
  index: number;
  count: number;
  options: Suggestion[];
  invalidFields: Set<string>;
  onChange: (change: Partial<StepForm>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const n = index + 1;
  const eventField = `step-${index}-event`;
  const setFilter = (j: number, change: Partial<FilterForm>) =>
    onChange({ filters: step.filters.map((f, k) => (k === j ? { ...f, ...change } : f)) });

  return (
    <li className="funnel-step">
      <div className="funnel-step-main">
        <span className="funnel-step-number" aria-hidden="true">
          {n}
        </span>
        <Combobox
          label={`Step ${n}`}
          hideLabel
          placeholder="Pick an event"
          value={step.event}
          options={options}
          onChange={(event) => onChange({ event })}
          invalid={invalidFields.has(eventField)}
          aria-describedby={invalidFields.has(eventField) ? errorId(eventField) : undefined}
        />
        <div className="funnel-step-actions">
          <button
            type="button"
            aria-label={`Add a property filter to step ${n}`}
            onClick={() => onChange({ filters: [...step.filters, { property: '', op: 'eq', value: '' }] })}
          >
            + Filter
          </button>
          <button
            type="button"
            aria-label={`Move step ${n} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move step ${n} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button type="button" aria-label={`Remove step ${n}`} disabled={count <= 2} onClick={onRemove}>
            ✕
          </button>
        </div>
      </div>
      {step.filters.map((filter, j) => {
        const field = `step-${index}-filter-${j}`;
        const name = `Step ${n} filter ${j + 1}`;
        const invalid = invalidFields.has(field);
        const text = (part: 'property' | 'value') => (
          <label>
            <span className="visually-hidden">
              {name}: {part}
            </span>
            <input
              value={filter[part]}
              placeholder={part}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? errorId(field) : undefined}
              onChange={(e) =>
                setFilter(j, part === 'property' ? { property: e.target.value } : { value: e.target.value })
              }
            />
          </label>
        );
        return (
          <div className="funnel-step-filter" key={j}>
            <span className="muted" aria-hidden="true">
              where
            </span>
            {text('property')}
            <ChoiceSelect
              label={<span className="visually-hidden">{name}: comparison</span>}
              value={filter.op}
              choices={OPS}
              onChange={(op) => setFilter(j, { op })}
            />
            {opNeedsValue(filter.op) && text('value')}
            <button
              type="button"
              aria-label={`Remove ${name}`}
              onClick={() => onChange({ filters: step.filters.filter((_, k) => k !== j) })}
            >
              ✕
            </button>
          </div>
        );
      })}
    </li>
  );
}
