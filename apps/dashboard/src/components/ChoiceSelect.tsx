import type { ReactNode } from 'react';

/** A labelled select of fixed choices, each a value and the words for it. */
export function ChoiceSelect<V extends string>({
  label,
  value,
  choices,
  onChange,
  'aria-describedby': describedBy,
}: {
  label: ReactNode;
  value: V;
  choices: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  'aria-describedby'?: string;
}) {
  return (
    <label>
      {label}
      <select value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value as V)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
