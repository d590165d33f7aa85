import type { TaskDetail } from '@bindery/contracts';
import { formatDate } from '../../format';
import { OUTCOME_LABELS } from './CloseTaskForm';
import { STATUS_LABELS, type TaskStatus } from './task-filters';

export type TimelineChange = TaskDetail['timeline'][number]['change'];

const isStatus = (value: unknown): value is TaskStatus =>
  typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value);
const isOutcome = (value: unknown): value is keyof typeof OUTCOME_LABELS =>
  typeof value === 'string' && Object.hasOwn(OUTCOME_LABELS, value);

/** A note on the task, if the timeline row is one. */
export function noteOf(change: TimelineChange): string | null {
  return typeof change.note === 'string' ? change.note : null;
}

/** A timeline row's change in words: what the rules engine or a CSM did to the task. */
export function describeChange(change: TimelineChange): string {
  if (change.created === true) {
    const parts = [`Created${typeof change.priority === 'string' ? ` as ${change.priority}` : ''}`];
    if (typeof change.abc === 'string') parts.push(`account class ${change.abc}`);
    if (typeof change.assignee === 'string') parts.push(`for ${change.assignee}`);
    return parts.join(', ');
  }
  const note = noteOf(change);
  if (note !== null) return `Note: ${note}`;
  if (typeof change.conditionCleared === 'string') {
    return `Its condition cleared (${change.conditionCleared}); left open for you to close`;
  }
  const said: string[] = [];
  if (typeof change.snoozedUntil === 'string') said.push(`Snoozed until ${formatDate(change.snoozedUntil)}`);
  else if (isStatus(change.status)) said.push(`Status set to ${STATUS_LABELS[change.status]}`);
  if (isOutcome(change.outcome)) {
    const words = typeof change.outcomeNote === 'string' ? change.outcomeNote : change.reason;
    said.push(
      `outcome: ${OUTCOME_LABELS[change.outcome]}${typeof words === 'string' && words ? ` (${words})` : ''}`,
    );
  }
  if ('assignee' in change) {
    said.push(typeof change.assignee === 'string' ? `Assigned to ${change.assignee}` : 'Unassigned');
  }
  if (said.length === 0 && typeof change.signalId === 'string') said.push('Its rule fired again');
  return said.length > 0 ? said.join('; ') : JSON.stringify(change);
}
