import type { Task } from '@bindery/contracts';

const DAY = 86_400_000;

/** A UTC day as a date input's value (`YYYY-MM-DD`). */
export function dateInputValue(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The start (UTC) of a date input's day, as the API's ISO time; null for an empty or bad value. */
export function startOfDayIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00.000Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The earliest day a task can be snoozed until: tomorrow (UTC), as the API wants a time in the future. */
export function firstSnoozeDay(now: number): string {
  return dateInputValue(Math.floor(now / DAY) * DAY + DAY);
}

/** The quick snooze choices, each a UTC day some whole days after today. */
export function snoozeChoices(now: number): { label: string; date: string }[] {
  const today = Math.floor(now / DAY) * DAY;
  return [
    { label: 'Tomorrow', date: dateInputValue(today + DAY) },
    { label: 'In 3 days', date: dateInputValue(today + 3 * DAY) },
    { label: 'Next week', date: dateInputValue(today + 7 * DAY) },
  ];
}

/** Whether a task still to be worked is past its due time. */
export function isOverdue(task: Pick<Task, 'status' | 'dueAt'>, now: number): boolean {
  return (task.status === 'open' || task.status === 'in_progress') && Date.parse(task.dueAt) < now;
}
