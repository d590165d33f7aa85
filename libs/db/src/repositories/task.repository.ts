import { Inject, Injectable } from '@nestjs/common';
import { type ExpressionBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import {
  type Database,
  type HealthGrade,
  type JsonObject,
  type Task,
  type TaskEvent,
  type TaskOutcome,
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
  outcome?: TaskOutcome | null;
  outcomeNote?: string | null;
}

/** The last task of the previous page: the page holds the tasks after it in the list's order. */
export interface TaskCursor {
  priority: TaskPriority;
  dueAt: Date;
  id: string;
}

/** The orders of the list: priority then due date (the default), due, created, MRR, health. */
export type TaskSort = 'priority' | 'due' | 'created' | 'mrr' | 'health';

/** The last task of the previous page of a list in another order than priority: its sort key and id. */
export interface TaskSortCursor {
  /** The `sort_key` the list gave that task. */
  key: number;
  id: string;
}

/** Which tasks a list or a count selects. */
export interface TaskSelection {
  /** Only this task. */
  id?: string;
  /** A CSM's email, or 'unassigned' for the shared queue. */
  assignee?: string;
  /** Any of these statuses (an empty list matches none). */
  status?: TaskStatus[];
  /** Any of these priorities (an empty list matches none). */
  priority?: TaskPriority[];
  accountId?: string;
  /** Tasks whose title or account id holds `text` (any case), or whose account is one of `accountIds`. */
  search?: { text: string; accountIds: string[] };
}

export interface TaskFilters extends TaskSelection {
  limit: number;
  /** The order; priority (then due date) when left out. */
  sort?: TaskSort;
  /** For the priority order. */
  after?: TaskCursor;
  /** For the other orders. */
  afterKey?: TaskSortCursor;
  /** Each account's MRR, for the mrr order; an account left out has none. */
  mrr?: Record<string, number>;
}

/**
 * A listed task with its account's newest health score and the newest one at least 7 days older, and the
 * value it was ordered by (null in the priority order).
 */
export interface ListedTask extends Task {
  health_score: number | null;
  health_day: string | null;
  health_abc: HealthGrade | null;
  before_score: number | null;
  before_day: string | null;
  sort_key: number | null;
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

/**
 * The orders other than priority: the key each task is ordered by, as a float8 the cursor carries exactly
 * (times as epoch seconds; no MRR as -1 and no health score as 1000, so that they come last).
 */
const SORTS: Record<
  TaskSort,
  { key: (mrr: Record<string, number>) => RawBuilder<number>; descending: boolean } | null
> = {
  priority: null,
  due: { key: () => sql<number>`extract(epoch from t.due_at)::float8`, descending: false },
  created: { key: () => sql<number>`extract(epoch from t.created_at)::float8`, descending: true },
  mrr: {
    key: (mrr) => sql<number>`coalesce((${JSON.stringify(mrr)}::jsonb ->> t.account_id)::float8, -1)`,
    descending: true,
  },
  health: { key: () => sql<number>`coalesce(h.score, 1000)::float8`, descending: false },
};

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
            ...(patch.outcome !== undefined && { outcome: patch.outcome }),
            ...(patch.outcomeNote !== undefined && { outcome_note: patch.outcomeNote }),
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

  /** The live tasks that hold any of these signals. */
  findLiveBySignals(projectId: string, signalIds: string[]): Promise<Task[]> {
    if (signalIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('tasks')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('status', 'in', LIVE)
      .where(sql<boolean>`signal_ids ?| ${signalIds}::text[]`)
      .execute();
  }

  /** Whether a person (not the rules) changed the task or wrote a note on it. */
  async personActed(projectId: string, taskId: string): Promise<boolean> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .or([
            eb.exists(
              eb
                .selectFrom('task_events as e')
                .innerJoin('tasks as t', 't.id', 'e.task_id')
                .select('e.id')
                .where('t.project_id', '=', projectId)
                .where('e.task_id', '=', taskId)
                .where('e.actor', '!=', 'rules'),
            ),
            eb.exists(
              eb
                .selectFrom('notes')
                .select('id')
                .where('project_id', '=', projectId)
                .where('task_id', '=', taskId),
            ),
          ])
          .as('acted'),
      ])
      .executeTakeFirstOrThrow();
    return Boolean(row.acted);
  }

  /** Adds a row to a task's timeline without changing the task. */
  async note(projectId: string, taskId: string, entry: TaskTimelineEntry): Promise<void> {
    const task = await this.findById(projectId, taskId);
    if (task) await this.record(this.db, task.id, entry);
  }

  /**
   * A project's tasks a page at a time, in the chosen order (P1 first then by due date unless told), each with
   * its account's health now and a week before, read in the same statement (keyset on the order's key and id).
   */
  list(projectId: string, filters: TaskFilters): Promise<ListedTask[]> {
    const sort = filters.sort ?? 'priority';
    const order = SORTS[sort];
    const key: RawBuilder<number | null> = order ? order.key(filters.mrr ?? {}) : sql<null>`null::float8`;
    let query = this.selected(projectId, filters)
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('account_health as ah')
            .select(['ah.score', 'ah.day', 'ah.abc'])
            .whereRef('ah.project_id', '=', 't.project_id')
            .whereRef('ah.account_id', '=', 't.account_id')
            .orderBy('ah.day', 'desc')
            .limit(1)
            .as('h'),
        (join) => join.onTrue(),
      )
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('account_health as ab')
            .select(['ab.score', 'ab.day'])
            .whereRef('ab.project_id', '=', 't.project_id')
            .whereRef('ab.account_id', '=', 't.account_id')
            .where(sql<boolean>`ab.day <= h.day - 7`)
            .orderBy('ab.day', 'desc')
            .limit(1)
            .as('b'),
        (join) => join.onTrue(),
      )
      .selectAll('t')
      .select([
        'h.score as health_score',
        sql<string | null>`to_char(h.day, 'YYYY-MM-DD')`.as('health_day'),
        'h.abc as health_abc',
        'b.score as before_score',
        sql<string | null>`to_char(b.day, 'YYYY-MM-DD')`.as('before_day'),
        key.as('sort_key'),
      ]);
    if (order) {
      const after = filters.afterKey;
      const direction = order.descending ? 'desc' : 'asc';
      if (after !== undefined) {
        const than = order.descending ? sql`<` : sql`>`;
        query = query.where(sql<boolean>`(${key}, t.id) ${than} (${after.key}::float8, ${after.id}::uuid)`);
      }
      return query.orderBy(key, direction).orderBy('t.id', direction).limit(filters.limit).execute();
    }
    const after = filters.after;
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('t.priority', 't.due_at', 't.id'),
          '>',
          eb.tuple(after.priority, after.dueAt, after.id),
        ),
      );
    }
    return query.orderBy('t.priority').orderBy('t.due_at').orderBy('t.id').limit(filters.limit).execute();
  }

  /** The accounts of the tasks a selection holds (for reading their MRR before ordering by it). */
  async accountIds(projectId: string, selection: TaskSelection): Promise<string[]> {
    const rows = await this.selected(projectId, selection)
      .select('t.account_id')
      .distinct()
      .where('t.account_id', 'is not', null)
      .$narrowType<{ account_id: string }>()
      .execute();
    return rows.map((r) => r.account_id);
  }

  /** The tasks a selection holds, before any order or page. */
  private selected(projectId: string, f: TaskSelection) {
    let query = this.db.selectFrom('tasks as t').where('t.project_id', '=', projectId);
    if (f.id !== undefined) query = query.where('t.id', '=', f.id);
    if (f.assignee === 'unassigned') query = query.where('t.assignee', 'is', null);
    else if (f.assignee !== undefined) query = query.where('t.assignee', '=', f.assignee);
    if (f.status !== undefined) query = query.where(sql<boolean>`t.status = any(${f.status}::text[])`);
    if (f.priority !== undefined) query = query.where(sql<boolean>`t.priority = any(${f.priority}::text[])`);
    if (f.accountId !== undefined) query = query.where('t.account_id', '=', f.accountId);
    const search = f.search;
    if (search !== undefined) {
      const pattern = `%${search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('t.title', 'ilike', pattern),
          eb('t.account_id', 'ilike', pattern),
          sql<boolean>`t.account_id = any(${search.accountIds}::text[])`,
        ]),
      );
    }
    return query;
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

  /** Open and in-progress tasks per account, of these accounts or (without ids) of every account. */
  async activeCountByAccount(projectId: string, accountIds?: string[]): Promise<Map<string, number>> {
    let query = this.db
      .selectFrom('tasks')
      .select(['account_id', (eb) => eb.fn.countAll<string>().as('tasks')])
      .where('project_id', '=', projectId)
      .where('status', 'in', ACTIVE)
      .where('account_id', 'is not', null);
    if (accountIds !== undefined) {
      if (accountIds.length === 0) return new Map();
      query = query.where(sql<boolean>`account_id = any(${accountIds}::text[])`);
    }
    const rows = await query.groupBy('account_id').$narrowType<{ account_id: string }>().execute();
    return new Map(rows.map((r) => [r.account_id, Number(r.tasks)]));
  }

  /** Each CSM with a live task in the project and how many, by email. */
  async liveByAssignee(projectId: string): Promise<{ assignee: string; tasks: number }[]> {
    const rows = await this.db
      .selectFrom('tasks')
      .select(['assignee', (eb) => eb.fn.countAll<string>().as('tasks')])
      .where('project_id', '=', projectId)
      .where('status', 'in', LIVE)
      .where('assignee', 'is not', null)
      .groupBy('assignee')
      .orderBy('assignee')
      .$narrowType<{ assignee: string }>()
      .execute();
    return rows.map((r) => ({ assignee: r.assignee, tasks: Number(r.tasks) }));
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
