import type { TaskDetail } from '@bindery/contracts';
import { formatDate } from '../../format';
import { STATUS_LABELS, type TaskStatus } from './task-filters';

export type TimelineChange = TaskDetail['timeline'][number]['change'];

const isStatus = (value: unknown): value is TaskStatus =>
  typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value);

/** A timeline row's change in words: what the rules engine or a CSM did to the task. */
export function describeChange(change: TimelineChange): string {
  if (change.created === true) {
    const parts = [`Created${typeof change.priority === 'string' ? ` as ${change.priority}` : ''}`];
    if (typeof change.abc === 'string') parts.push(`account class ${change.abc}`);
    return parts.join(', ');
  }
  const said: string[] = [];
  if (typeof change.snoozedUntil === 'string') said.push(`Snoozed until ${formatDate(change.snoozedUntil)}`);
  else if (isStatus(change.status)) said.push(`Status set to ${STATUS_LABELS[change.status]}`);
  if ('assignee' in change) {
    said.push(typeof change.assignee === 'string' ? `Assigned to ${change.assignee}` : 'Unassigned');
  }
  if (said.length === 0 && typeof change.signalId === 'string') said.push('Its rule fired again');
  return said.length > 0 ? said.join('; ') : JSON.stringify(change);
}
