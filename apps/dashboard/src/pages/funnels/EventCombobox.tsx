import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import type { EventDefinitionList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';
import { formatInt } from '../../format';

export interface EventOption {
  name: string;
  hint?: string;
}

const MAX_OPTIONS = 50;

/** The project's event names, most frequent first, for the event pickers of the analytics pages. */
export function useEventOptions(): { options: EventOption[]; loaded: boolean } {
  const query = useProjectGet<EventDefinitionList>('event-definitions', {}, { staleTime: 5 * 60_000 });
  const options = useMemo(
    () =>
      (query.data?.definitions ?? []).map((d) => ({
        name: d.event,
        hint: `${formatInt(d.count)} events`,
      })),
    [query.data],
  );
  // Failing to load the names leaves the pickers as plain text inputs: nothing to wait for.
  return { options, loaded: !query.isPending };
}

/** Options whose name holds the typed text, case-insensitively, in the given order. */
export function matchOptions(options: EventOption[], text: string): EventOption[] {
  const needle = text.trim().toLowerCase();
  return options.filter((o) => o.name.toLowerCase().includes(needle)).slice(0, MAX_OPTIONS);
}

/**
 * A text input that suggests event names (the ARIA combobox pattern): arrows move through the
 * suggestions, Enter picks one, Escape closes them; any text is still accepted.
 */
export function EventCombobox({
  label,
  value,
  onChange,
  options,
  hideLabel = false,
  invalid = false,
  describedBy,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: EventOption[];
  hideLabel?: boolean;
  invalid?: boolean;
  describedBy?: string;
}) {
  const id = useId();
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
    <div className="event-combobox">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <input
        id={id}
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder="Pick an event"
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
      <ul id={listId} role="listbox" aria-label={`${label}: suggestions`} hidden={!expanded}>
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
