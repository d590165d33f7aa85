import type { Task } from '@bindery/contracts';
import type { QueryParams } from '../../api/client';
import type { UrlPatch } from '../../components/url-state';

/** Whose tasks the inbox shows. */
export type TaskView = 'mine' | 'all' | 'unassigned';
export const TASK_VIEWS: { value: TaskView; label: string }[] = [
  { value: 'mine', label: 'Mine' },
  { value: 'all', label: 'All' },
  { value: 'unassigned', label: 'Unassigned' },
];

export type TaskStatus = Task['status'];
export type TaskPriority = Task['priority'];

export const STATUS_LABELS: Record<TaskStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  snoozed: 'Snoozed',
  done: 'Done',
  dismissed: 'Dismissed',
};

/** The status filter's choices, each the API's comma-separated `status` value ('' is the API's default). */
export const STATUS_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Open & in progress' },
  { value: 'open', label: 'Open' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'done', label: 'Done' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'open,in_progress,snoozed,done,dismissed', label: 'Any status' },
];

export const PRIORITY_FILTERS: { value: string; label: string }[] = [
  { value: '', label: 'Any priority' },
  { value: 'P1,P2', label: 'P1 and P2' },
  { value: 'P1', label: 'P1' },
  { value: 'P2', label: 'P2' },
  { value: 'P3', label: 'P3' },
  { value: 'P4', label: 'P4' },
];

export type TaskSort = 'priority' | 'due' | 'created' | 'mrr' | 'health';
/** The list's orders, as the API names them ('priority' is its default). */
export const SORT_CHOICES: { value: TaskSort; label: string }[] = [
  { value: 'priority', label: 'Priority, then due' },
  { value: 'due', label: 'Due soonest' },
  { value: 'created', label: 'Newest' },
  { value: 'mrr', label: 'Highest MRR' },
  { value: 'health', label: 'Lowest health' },
];

export interface TaskFilterState {
  view: TaskView;
  status: string;
  priority: string;
  sort: TaskSort;
  /** Text searched in titles, account ids and account names; '' for none. */
  q: string;
}

const known = (choices: { value: string }[], value: string | null) =>
  choices.some((c) => c.value === value) ? (value as string) : '';

/**
 * The inbox's filters from the page's URL; an unknown value falls back to the default. Without a `view`, a
 * CSM who gave their email sees their own tasks, anyone else all of them.
 */
export function readTaskFilters(params: URLSearchParams, email: string): TaskFilterState {
  const view = params.get('view');
  return {
    view: TASK_VIEWS.some((v) => v.value === view) ? (view as TaskView) : email ? 'mine' : 'all',
    status: known(STATUS_FILTERS, params.get('status')),
    priority: known(PRIORITY_FILTERS, params.get('priority')),
    sort: (known(SORT_CHOICES, params.get('sort')) || 'priority') as TaskSort,
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/**
 * The URL's changes for the filters in `change` (the others stay as they are), leaving defaults out so a plain
 * /tasks stays plain.
 */
export function taskFilterPatch(change: Partial<TaskFilterState>): UrlPatch {
  const patch: UrlPatch = {};
  if (change.view !== undefined) patch['view'] = change.view;
  if (change.status !== undefined) patch['status'] = change.status || null;
  if (change.priority !== undefined) patch['priority'] = change.priority || null;
  if (change.sort !== undefined) patch['sort'] = change.sort === 'priority' ? null : change.sort;
  if (change.q !== undefined) patch['q'] = change.q.trim() ? change.q : null;
  return patch;
}

/** `GET tasks` query for the filters; null when "mine" is asked for without an email to ask with. */
export function taskListQuery(state: TaskFilterState, email: string, limit = 50): QueryParams | null {
  if (state.view === 'mine' && !email) return null;
  return {
    assignee: state.view === 'mine' ? email : state.view === 'unassigned' ? 'unassigned' : undefined,
    status: state.status || undefined,
    priority: state.priority || undefined,
    sort: state.sort === 'priority' ? undefined : state.sort,
    q: state.q.trim() || undefined,
    limit,
  };
}
