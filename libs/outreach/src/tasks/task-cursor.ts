import { InvalidInput, PRIORITIES, TASK_SORTS } from '@bindery/contracts';
import {
  type ListedTask,
  type TaskCursor,
  type TaskPriority,
  type TaskSort,
  type TaskSortCursor,
} from '@bindery/db';

/** A UUID as a cursor may carry it (it is compared with a uuid column). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the next page starts: after this task, in the order the cursor was made for. */
export type TaskListAfter = { after: TaskCursor } | { afterKey: TaskSortCursor };

const bad = () => InvalidInput('cursor is not a cursor this API returned');

/**
 * The opaque `nextCursor` after a page's last task: its priority, due time and id in the default order (as
 * before sorts existed, so earlier cursors still work); otherwise the order's name, the task's key and id.
 */
export function encodeTaskCursor(sort: TaskSort, last: ListedTask): string {
  const fields =
    sort === 'priority'
      ? [last.priority, last.due_at.toISOString(), last.id]
      : [sort, last.sort_key, last.id];
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

/** The page's start from a cursor; a cursor of another order, or one this API did not make, is a 400. */
export function decodeTaskCursor(cursor: string, sort: TaskSort): TaskListAfter {
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(fields) || fields.length !== 3) throw bad();
  const [first, second, id] = fields as unknown[];
  if (typeof id !== 'string' || !UUID.test(id)) throw bad();
  if (PRIORITIES.includes(first as TaskPriority)) {
    if (sort !== 'priority') throw InvalidInput(`cursor is of the priority order, not of ${sort}`);
    if (typeof second !== 'string' || Number.isNaN(Date.parse(second))) throw bad();
    return { after: { priority: first as TaskPriority, dueAt: new Date(second), id } };
  }
  if (first !== sort) {
    if (!TASK_SORTS.includes(first as TaskSort)) throw bad();
    throw InvalidInput(`cursor is of the ${first as TaskSort} order, not of ${sort}`);
  }
  if (typeof second !== 'number' || !Number.isFinite(second)) throw bad();
  return { afterKey: { key: second, id } };
}
