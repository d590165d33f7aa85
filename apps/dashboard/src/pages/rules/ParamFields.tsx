import type { RuleType, SavedFunnel } from '@bindery/contracts';
import { Link } from 'react-router';
import { Combobox } from '../../components/Combobox';
import { useEventOptions, useFeatureOptions } from '../../components/suggestions';
import { type ControlProps, Field } from '../../components/Field';
import { type ParamField, RULE_TYPE_INFO } from './rule-types';

interface Props {
  type: RuleType;
  values: Record<string, string>;
  onChange: (key: string, value: string) => void;
  funnels: SavedFunnel[];
}

/** The parameters of the chosen rule type, each in the control that fits it. */
export function ParamFields({ type, values, onChange, funnels }: Props) {
  const fields = RULE_TYPE_INFO[type].fields;
  return (
    <div className="param-grid">
      {fields.map((field) => (
        <Field
          key={field.key}
          label={field.optional ? `${field.label} (optional)` : field.label}
          help={field.help}
          className={field.kind === 'events' ? 'wide' : undefined}
        >
          {(control) => (
            <ParamControl
              field={field}
              value={values[field.key] ?? ''}
              onChange={(value) => onChange(field.key, value)}
              control={control}
              funnels={funnels}
            />
          )}
        </Field>
      ))}
      {type === 'inactivity' && <EventHint />}
    </div>
  );
}

function ParamControl({
  field,
  value,
  onChange,
  control,
  funnels,
}: {
  field: ParamField;
  value: string;
  onChange: (value: string) => void;
  control: ControlProps;
  funnels: SavedFunnel[];
}) {
  const common = { ...control, value, required: !field.optional };
  switch (field.kind) {
    case 'int':
    case 'number':
      return (
        <input
          {...common}
          type="number"
          inputMode={field.kind === 'int' ? 'numeric' : 'decimal'}
          min={field.min}
          max={field.max}
          step={field.kind === 'int' ? 1 : 'any'}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'feature':
      return <FeatureCombobox {...common} onChange={onChange} />;
    case 'events':
      return <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />;
    case 'metric':
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="events">Events</option>
          <option value="active_users">Active users (user-days)</option>
        </select>
      );
    case 'funnel':
      return <FunnelSelect {...common} funnels={funnels} onChange={onChange} />;
  }
}

function FunnelSelect({
  value,
  funnels,
  onChange,
  ...rest
}: {
  value: string;
  funnels: SavedFunnel[];
  onChange: (value: string) => void;
  id: string;
  'aria-describedby'?: string;
  required: boolean;
}) {
  const known = funnels.some((f) => f.id === value);
  return (
    <>
      <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
        {!known && <option value={value}>{value ? 'A deleted funnel' : 'Choose a saved funnel'}</option>}
        {funnels.map((f) => (
          <option key={f.id} value={f.id}>
            {f.name} ({f.steps.length} steps)
          </option>
        ))}
      </select>
      {funnels.length === 0 && (
        <span className="help">
          No saved funnel yet: <Link to="/funnels">build and save one</Link> first.
        </span>
      )}
    </>
  );
}

/** A feature's name, with the features used lately as suggestions. */
function FeatureCombobox(
  props: ControlProps & { value: string; required: boolean; onChange: (value: string) => void },
) {
  return <Combobox {...props} maxLength={200} options={useFeatureOptions()} />;
}

/** Event names to copy into "Key events" (a textarea cannot offer a list). */
function EventHint() {
  const events = useEventOptions()
    .options.map((o) => o.name)
    .filter((e) => !e.startsWith('$'))
    .slice(0, 12);
  if (events.length === 0) return null;
  return (
    <p className="help wide">
      Events seen:{' '}
      {events.map((e, i) => (
        <span key={e}>
          {i > 0 && ', '}
          <code>{e}</code>
        </span>
      ))}
    </p>
  );
}
