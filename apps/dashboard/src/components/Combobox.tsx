import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';

/** A name to suggest, with what to show beside it ("2,851 events"). */
export interface Suggestion {
  name: string;
  hint?: string;
}

const MAX_OPTIONS = 50;

/** Options whose name holds the typed text, case-insensitively, in the given order. */
export function matchOptions(options: Suggestion[], text: string): Suggestion[] {
  const needle = text.trim().toLowerCase();
  return options.filter((o) => o.name.toLowerCase().includes(needle)).slice(0, MAX_OPTIONS);
}

/**
 * A text input that suggests names, such as the project's events or features (the ARIA combobox pattern):
 * arrows move through the suggestions, Enter picks one, Escape closes them; any text is still accepted.
 */
export function Combobox({
  label,
  hideLabel = false,
  id: givenId,
  value,
  onChange,
  options,
  placeholder,
  invalid = false,
  required,
  maxLength,
  'aria-describedby': describedBy,
}: {
  /** The input's label; leave it out when a label of the caller's points at `id`. */
  label?: string;
  hideLabel?: boolean;
  id?: string;
  value: string;
  onChange: (value: string) => void;
  options: Suggestion[];
  placeholder?: string;
  invalid?: boolean;
  required?: boolean;
  maxLength?: number;
  'aria-describedby'?: string;
}) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => matchOptions(options, value), [options, value]);
  const expanded = open && matches.length > 0;
  const optionId = (i: number) => `${id}-option-${i}`;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  function pick(name: string) {
    onChange(name);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (matches.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (expanded ? Math.min(Math.max(a + step, 0), matches.length - 1) : 0));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      e.preventDefault();
      pick(matches[active]!.name);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="combobox">
      {label && (
        <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
          {label}
        </label>
      )}
      <input
        id={id}
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        required={required}
        maxLength={maxLength}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          setActive(-1);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label ? `${label}: suggestions` : 'Suggestions'}
        hidden={!expanded}
      >
        {expanded &&
          matches.map((option, i) => (
            <li
              key={option.name}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              // Keeps the focus in the input, so that blur does not close the list before the click lands.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(option.name)}
            >
              <span>{option.name}</span>
              {option.hint && <span className="muted">{option.hint}</span>}
            </li>
          ))}
      </ul>
    </div>
  );
}
