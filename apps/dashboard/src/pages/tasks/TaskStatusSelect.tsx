import type { Task } from '@bindery/contracts';
import { STATUS_LABELS, type TaskStatus } from './task-filters';

// Snoozing takes a date, so it is the Snooze panel's; a snoozed task shows it as its current value.
const SETTABLE: TaskStatus[] = ['open', 'in_progress', 'done', 'dismissed'];

/** A task's status as a select: choosing another value changes it. */
export function TaskStatusSelect({
  status,
  disabled,
  onChange,
}: {
  status: Task['status'];
  disabled: boolean;
  onChange: (status: TaskStatus) => void;
}) {
  return (
    <label className="inline task-status">
      Status
      <select value={status} disabled={disabled} onChange={(e) => onChange(e.target.value as TaskStatus)}>
        {status === 'snoozed' && (
          <option value="snoozed" disabled>
            {STATUS_LABELS.snoozed}
          </option>
        )}
        {SETTABLE.map((s) => (
          <option key={s} value={s}>
            {STATUS_LABELS[s]}
          </option>
        ))}
      </select>
    </label>
  );
}
