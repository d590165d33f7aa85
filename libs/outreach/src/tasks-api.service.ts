import { Injectable } from '@nestjs/common';
import {
  InvalidInput,
  NotFound,
  PRIORITIES,
  type Task as TaskView,
  type TaskDetail,
  type TaskList,
  type TaskListQuery,
  type TaskPatch,
  TASK_STATUSES,
} from '@bindery/contracts';
import { type Task, TaskRepository, type TaskPriority, type TaskStatus } from '@bindery/db';

/** A dismissed task keeps its rule quiet for the account this long. */
const DISMISS_QUIET_MS = 30 * 86_400_000;

function toView(t: Task): TaskView {
  return {
    id: t.id,
    accountId: t.account_id,
    ruleId: t.rule_id,
    title: t.title,
    body: t.body,
    priority: t.priority,
    status: t.status,
    assignee: t.assignee,
    snoozedUntil: t.snoozed_until?.toISOString() ?? null,
    dueAt: t.due_at.toISOString(),
    signalIds: t.signal_ids as string[],
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

function listOf<T extends string>(
  text: string | undefined,
  allowed: readonly T[],
  name: string,
): T[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim()) as T[];
  const bad = items.find((i) => !allowed.includes(i));
  if (bad !== undefined) throw InvalidInput(`${name}: ${bad} is not one of ${allowed.join(', ')}`);
  return items;
}

const encode = (t: Task) =>
  Buffer.from(JSON.stringify([t.priority, t.due_at.toISOString(), t.id])).toString('base64url');
function decode(cursor: string): { priority: TaskPriority; dueAt: Date; id: string } {
  try {
    const [priority, dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
    if (
      PRIORITIES.includes(priority as TaskPriority) &&
      !Number.isNaN(Date.parse(dueAt)) &&
      typeof id === 'string'
    ) {
      return { priority: priority as TaskPriority, dueAt: new Date(dueAt), id };
    }
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor this API returned');
}

/** Tasks as CSMs work them: listed by priority and due date, moved through their states, each change logged. */
@Injectable()
export class TasksApiService {
  constructor(private readonly tasks: TaskRepository) {}

  async list(projectId: string, q: TaskListQuery): Promise<TaskList> {
    const rows = await this.tasks.list(projectId, {
      assignee: q.assignee,
      status: listOf<TaskStatus>(q.status ?? 'open,in_progress', TASK_STATUSES, 'status'),
      priority: listOf<TaskPriority>(q.priority, PRIORITIES, 'priority'),
      accountId: q.accountId,
      limit: q.limit + 1,
      after: q.cursor === undefined ? undefined : decode(q.cursor),
    });
    const page = rows.slice(0, q.limit);
    return {
      tasks: page.map(toView),
      nextCursor: rows.length > q.limit ? encode(page[page.length - 1]) : null,
    };
  }

  async get(projectId: string, taskId: string): Promise<TaskDetail> {
    const task = await this.tasks.findById(projectId, taskId);
    if (!task) throw NotFound(`Task ${taskId} not found`);
    const timeline = await this.tasks.timeline(projectId, taskId);
    return {
      ...toView(task),
      timeline: timeline.map((e) => ({ at: e.at.toISOString(), actor: e.actor, change: e.change })),
    };
  }

  /** Changes status, assignee or snooze; snoozing needs a date, dismissing quiets the rule for 30 days. */
  async update(projectId: string, taskId: string, patch: TaskPatch, actor: string): Promise<TaskView> {
    if (patch.status === 'snoozed' && patch.snoozedUntil === undefined) {
      throw InvalidInput('snoozedUntil is required to snooze a task');
    }
    if (patch.snoozedUntil !== undefined && Date.parse(patch.snoozedUntil) <= Date.now()) {
      throw InvalidInput('snoozedUntil must be in the future');
    }
    const snoozed = patch.snoozedUntil !== undefined;
    const row = await this.tasks.update(
      projectId,
      taskId,
      {
        status: snoozed ? 'snoozed' : patch.status,
        assignee: patch.assignee,
        snoozedUntil: snoozed ? new Date(patch.snoozedUntil as string) : undefined,
        quietUntil: patch.status === 'dismissed' ? new Date(Date.now() + DISMISS_QUIET_MS) : undefined,
      },
      { actor, change: { ...patch } },
    );
    if (!row) throw NotFound(`Task ${taskId} not found`);
    return toView(row);
  }
}
