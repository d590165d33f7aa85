import { useId, useState } from 'react';
import type { Csm, CsmList } from '@bindery/contracts';
import { useProjectGet } from '../../api/hooks';

const SHARED = '';
const OTHER = '__other';
const PLAIN_EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** A CSM in the picker: name and address, and how many live tasks they hold. */
function csmLabel(c: Csm): string {
  const who = c.name ? `${c.name} (${c.email})` : c.email;
  return `${who} · ${c.liveTasks} live ${c.liveTasks === 1 ? 'task' : 'tasks'}`;
}

/**
 * Picks whom a task goes to: one of the project's CSMs (the settings' list and whoever holds a live task), the
 * shared queue, or someone else by address. Reports the choice: an address, null for the shared queue, or
 * undefined while "someone else" has no plain address yet.
 */
export function AssigneePicker({
  value,
  onChange,
  label = 'Assign to',
}: {
  value: string | null | undefined;
  onChange: (assignee: string | null | undefined) => void;
  label?: string;
}) {
  const csms = useProjectGet<CsmList>('csms', {}, { staleTime: 60_000 });
  const [other, setOther] = useState(false);
  const [text, setText] = useState('');
  const id = useId();
  const list = csms.data?.csms ?? [];
  // The current assignee is always a choice, listed or not.
  const current = value && !other && !list.some((c) => c.email === value) ? value : null;
  const choose = (next: string) => {
    if (next === OTHER) {
      setOther(true);
      onChange(PLAIN_EMAIL.test(text.trim()) ? text.trim() : undefined);
    } else {
      setOther(false);
      onChange(next === SHARED ? null : next);
    }
  };
  return (
    <>
      <label>
        {label}
        <select value={other ? OTHER : (value ?? SHARED)} onChange={(e) => choose(e.target.value)}>
          {list.map((c) => (
            <option key={c.email} value={c.email}>
              {csmLabel(c)}
            </option>
          ))}
          {current && <option value={current}>{current}</option>}
          <option value={SHARED}>Shared queue (unassigned)</option>
          <option value={OTHER}>Someone else…</option>
        </select>
      </label>
      {other && (
        <label htmlFor={`${id}-email`}>
          Their email
          <input
            id={`${id}-email`}
            type="email"
            placeholder="csm@company.com"
            value={text}
            autoFocus
            onChange={(e) => {
              setText(e.target.value);
              onChange(PLAIN_EMAIL.test(e.target.value.trim()) ? e.target.value.trim() : undefined);
            }}
          />
        </label>
      )}
    </>
  );
}
