import { Inject, Injectable } from '@nestjs/common';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import {
  type Database,
  type JsonObject,
  type Task,
  type TaskEvent,
  type TaskPriority,
  type TaskStatus,
} from '../schema';

/** A new task, open; `id` is the caller's. */
export interface NewTask {
  id: string;
  projectId: string;
  accountId: string | null;
  ruleId: string | null;
  title: string;
  body: string;
  priority: TaskPriority;
  /** A CSM's email; null: the shared queue. */
  assignee: string | null;
  dueAt: Date;
  signalIds: string[];
}

/** A row of a task's timeline, written with each change: who did it and what changed. */
export interface TaskTimelineEntry {
  actor: string;
  change: JsonObject;
}

/** The fields an update may change; those left out keep their value, null clears one. */
export interface TaskPatch {
  status?: TaskStatus;
  assignee?: string | null;
  snoozedUntil?: Date | null;
  quietUntil?: Date | null;
}

/** The last task of the previous page: the page holds the tasks after it in the list's order. */
export interface TaskCursor {
  priority: TaskPriority;
  dueAt: Date;
  id: string;
}

export interface TaskFilters {
  /** A CSM's email, or 'unassigned' for the shared queue. */
  assignee?: string;
  /** Any of these statuses (an empty list matches none). */
  status?: TaskStatus[];
  /** Any of these priorities (an empty list matches none). */
  priority?: TaskPriority[];
  accountId?: string;
  limit: number;
  after?: TaskCursor;
}

/** A CSM's digest: tasks new since the last one, and tasks past due. */
export interface TaskDigest {
  created: Task[];
  overdue: Task[];
}

/** The statuses of a task still being worked on: at most one such task per account and rule. */
const LIVE: TaskStatus[] = ['open', 'in_progress', 'snoozed'];
/** The statuses a digest reports (a snoozed task is out of mind until it wakes). */
const ACTIVE: TaskStatus[] = ['open', 'in_progress'];

const UNIQUE_LIVE = 'tasks_live_unique';

const liveTaskExists = () => Conflict('A live task for this account and rule already exists in this project');

/** The account as the task indexes key it (no account: ''), so lookups can use them. */
const accountKey = (eb: ExpressionBuilder<Database, 'tasks'>, accountId: string | null) =>
  eb(sql`coalesce(account_id, '')`, '=', accountId ?? '');

/**
 * Customer-success tasks and their timelines; every query is scoped by project. Each write and its timeline
 * row commit together.
 */
@Injectable()
export class TaskRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** The open, in-progress or snoozed task of a rule for an account, if any. */
  findLive(projectId: string, accountId: string | null, ruleId: string): Promise<Task | undefined> {
    return this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where((eb) => accountKey(eb, accountId))
      .where('rule_id', '=', ruleId)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
  }

  /**
   * The newest task that keeps a rule quiet for an account at `now`: snoozed until later, or dismissed with
   * `quiet_until` later.
   */
  findQuieting(
    projectId: string,
    accountId: string | null,
    ruleId: string,
    now: Date,
  ): Promise<Task | undefined> {
    return this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('rule_id', '=', ruleId)
      .where((eb) => accountKey(eb, accountId))
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'snoozed'), eb('snoozed_until', '>', now)]),
          eb.and([eb('status', '=', 'dismissed'), eb('quiet_until', '>', now)]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Creates an open task with its first timeline row; a live task of the same account and rule is a Conflict. */
  async create(task: NewTask, entry: TaskTimelineEntry): Promise<Task> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('tasks')
          .values({
            id: task.id,
            project_id: task.projectId,
            account_id: task.accountId,
            rule_id: task.ruleId,
            title: task.title,
            body: task.body,
            priority: task.priority,
            status: 'open',
            assignee: task.assignee,
            due_at: task.dueAt,
            signal_ids: JSON.stringify(task.signalIds),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await this.record(trx, created.id, entry);
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_LIVE)) throw liveTaskExists();
      throw error;
    }
  }

  /**
   * Adds a signal to a task, with a timeline row, unless the task has it already (then nothing changes, so a
   * retried job adds it once). The task as it now is; undefined when the project has no such task.
   */
  addSignal(
    projectId: string,
    taskId: string,
    signalId: string,
    entry: TaskTimelineEntry,
  ): Promise<Task | undefined> {
    const signal = sql`jsonb_build_array(${signalId}::text)`;
    return this.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('tasks')
        .set({
          signal_ids: sql<string>`signal_ids || ${signal}`,
          updated_at: sql<Date>`now()`,
        })
        .where('project_id', '=', projectId)
        .where('id', '=', taskId)
        .where(sql<boolean>`not (signal_ids @> ${signal})`)
        .returningAll()
        .executeTakeFirst();
      if (updated === undefined) {
        return trx
          .selectFrom('tasks')
          .selectAll()
          .where('project_id', '=', projectId)
          .where('id', '=', taskId)
          .executeTakeFirst();
      }
      await this.record(trx, updated.id, entry);
      return updated;
    });
  }

  /**
   * Changes the given fields and bumps `updated_at`, with a timeline row; undefined when the project has no
   * such task. Making a task live again while another is live for its account and rule is a Conflict.
   */
  async update(
    projectId: string,
    taskId: string,
    patch: TaskPatch,
    entry: TaskTimelineEntry,
  ): Promise<Task | undefined> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('tasks')
          .set({
            ...(patch.status !== undefined && { status: patch.status }),
            ...(patch.assignee !== undefined && { assignee: patch.assignee }),
            ...(patch.snoozedUntil !== undefined && { snoozed_until: patch.snoozedUntil }),
            ...(patch.quietUntil !== undefined && { quiet_until: patch.quietUntil }),
            updated_at: sql<Date>`now()`,
          })
          .where('project_id', '=', projectId)
          .where('id', '=', taskId)
          .returningAll()
          .executeTakeFirst();
        if (updated !== undefined) await this.record(trx, updated.id, entry);
        return updated;
      });
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_LIVE)) throw liveTaskExists();
      throw error;
    }
  }

  /** A project's tasks, P1 first, then by due date, a page at a time (keyset on priority, due_at, id). */
  list(projectId: string, filters: TaskFilters): Promise<Task[]> {
    let query = this.db.selectFrom('tasks').selectAll().where('project_id', '=', projectId);
    if (filters.assignee === 'unassigned') query = query.where('assignee', 'is', null);
    else if (filters.assignee !== undefined) query = query.where('assignee', '=', filters.assignee);
    if (filters.status !== undefined) {
      query = query.where(sql<boolean>`status = any(${filters.status}::text[])`);
    }
    if (filters.priority !== undefined) {
      query = query.where(sql<boolean>`priority = any(${filters.priority}::text[])`);
    }
    if (filters.accountId !== undefined) query = query.where('account_id', '=', filters.accountId);
    const after = filters.after;
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('priority', 'due_at', 'id'), '>', eb.tuple(after.priority, after.dueAt, after.id)),
      );
    }
    return query.orderBy('priority').orderBy('due_at').orderBy('id').limit(filters.limit).execute();
  }

  findById(projectId: string, id: string): Promise<Task | undefined> {
    return this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A task's timeline, oldest first; empty when the project has no such task. */
  timeline(projectId: string, taskId: string): Promise<TaskEvent[]> {
    return this.db
      .selectFrom('task_events as e')
      .innerJoin('tasks as t', 't.id', 'e.task_id')
      .selectAll('e')
      .where('t.project_id', '=', projectId)
      .where('e.task_id', '=', taskId)
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
  }

  /**
   * A CSM's open and in-progress tasks: those created at or after `since`, and those due before `now` (a task
   * may be in both). Each list in the task list's order.
   */
  async forDigest(projectId: string, assignee: string, since: Date, now: Date): Promise<TaskDigest> {
    const active = this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('assignee', '=', assignee)
      .where('status', 'in', ACTIVE)
      .orderBy('priority')
      .orderBy('due_at')
      .orderBy('id');
    const [created, overdue] = await Promise.all([
      active.where('created_at', '>=', since).execute(),
      active.where('due_at', '<', now).execute(),
    ]);
    return { created, overdue };
  }

  /** The CSMs with a live task in the project, by email. */
  async assignees(projectId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tasks')
      .select('assignee')
      .distinct()
      .where('project_id', '=', projectId)
      .where('status', 'in', LIVE)
      .where('assignee', 'is not', null)
      .orderBy('assignee')
      .$narrowType<{ assignee: string }>()
      .execute();
    return rows.map((r) => r.assignee);
  }

  private async record(trx: Kysely<Database>, taskId: string, entry: TaskTimelineEntry): Promise<void> {
    await trx
      .insertInto('task_events')
      .values({ task_id: taskId, actor: entry.actor, change: JSON.stringify(entry.change) })
      .execute();
  }
}
