import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  InvalidInput,
  NotFound,
  parseEmailAddress,
  PLAIN_EMAIL_ADDRESS,
  PRIORITIES,
  type Task as TaskView,
  type TaskAccount,
  type TaskCreate,
  type TaskDetail,
  type TaskList,
  type TaskListItem,
  type TaskListQuery,
  type TaskPatch,
  TASK_STATUSES,
} from '@bindery/contracts';
import {
  type ListedTask,
  type NewTask,
  NoteRepository,
  ProjectSettingsRepository,
  type Task,
  type TaskPatch as TaskChange,
  TaskRepository,
  type TaskPriority,
  type TaskSelection,
  type TaskStatus,
  type TaskTimelineEntry,
} from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { withDefaultSettings } from '@bindery/rules';
import { dueAt } from './task-wording';
import { WEBHOOK_JOB } from './task.service';
import { AccountFacts, type AccountTraitFacts } from './account-facts';
import { decodeTaskCursor, encodeTaskCursor } from './task-cursor';

/** A dismissed task keeps its rule quiet for the account this long. */
const DISMISS_QUIET_MS = 30 * 86_400_000;
/** The priority of a task a person makes without choosing one: due within a week. */
const DEFAULT_PRIORITY: TaskPriority = 'P3';

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
    outcome: t.outcome,
    outcomeNote: t.outcome_note,
    createdAt: t.created_at.toISOString(),
    updatedAt: t.updated_at.toISOString(),
  };
}

/** The task as the list shows it: with its account's name, MRR, class and health now and a week before. */
function toListItem(t: ListedTask, facts: Map<string, AccountTraitFacts>): TaskListItem {
  let account: TaskAccount | null = null;
  if (t.account_id !== null) {
    const fact = facts.get(t.account_id);
    const { health_score: score, health_day: day, before_score: beforeScore, before_day: beforeDay } = t;
    account = {
      id: t.account_id,
      name: fact?.name ?? null,
      mrr: fact?.mrr ?? null,
      abc: t.health_abc,
      health:
        score === null || day === null
          ? null
          : {
              score,
              day,
              before:
                beforeScore === null || beforeDay === null ? null : { score: beforeScore, day: beforeDay },
            },
    };
  }
  return { ...toView(t), account };
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

/** An assignee as stored: the plain, lower-cased address alerts and digests go to. */
function assigneeOf(value: string): string {
  const assignee = parseEmailAddress(value);
  if (assignee === undefined) throw InvalidInput(`assignee must be ${PLAIN_EMAIL_ADDRESS}`);
  return assignee;
}

/**
 * Tasks as CSMs work them: listed in the order they choose with their account's facts, made by hand on any
 * account, moved through their states and closed with an outcome, each change logged with its author.
 */
@Injectable()
export class TasksApiService {
  constructor(
    private readonly tasks: TaskRepository,
    private readonly notes: NoteRepository,
    private readonly facts: AccountFacts,
    private readonly settings: ProjectSettingsRepository,
    private readonly jobs: JobProducer,
  ) {}

  /**
   * A page of tasks in the chosen order, searched by title, account id and account name. Each order pages by
   * keyset: the MRR order reads the MRR of every account the selection holds first, and passes it to the
   * database, so that Postgres orders and pages by it as by any column.
   */
  async list(projectId: string, q: TaskListQuery): Promise<TaskList> {
    const sort = q.sort ?? 'priority';
    const after = q.cursor === undefined ? {} : decodeTaskCursor(q.cursor, sort);
    const text = q.q?.trim();
    const selection: TaskSelection = {
      // Assignees are stored lower-cased (they are addresses); 'unassigned' is already.
      assignee: q.assignee?.toLowerCase(),
      status: listOf<TaskStatus>(q.status ?? 'open,in_progress', TASK_STATUSES, 'status'),
      priority: listOf<TaskPriority>(q.priority, PRIORITIES, 'priority'),
      accountId: q.accountId,
      search: text ? { text, accountIds: await this.facts.named(projectId, text) } : undefined,
    };
    const mrr =
      sort === 'mrr'
        ? await this.facts.mrr(projectId, await this.tasks.accountIds(projectId, selection))
        : undefined;
    const rows = await this.tasks.list(projectId, { ...selection, ...after, sort, mrr, limit: q.limit + 1 });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const facts = await this.facts.of(
      projectId,
      page.flatMap((t) => (t.account_id === null ? [] : [t.account_id])),
    );
    return {
      tasks: page.map((t) => toListItem(t, facts)),
      nextCursor: rows.length > q.limit && last ? encodeTaskCursor(sort, last) : null,
    };
  }

  /** A task with its account's facts and its timeline: every change and every note on it, oldest first. */
  async get(projectId: string, taskId: string): Promise<TaskDetail> {
    const [task] = await this.tasks.list(projectId, { id: taskId, limit: 1 });
    if (!task) throw NotFound(`Task ${taskId} not found`);
    const [events, notes, facts] = await Promise.all([
      this.tasks.timeline(projectId, taskId),
      this.notes.forTask(projectId, task.account_id ?? '', taskId),
      this.facts.of(projectId, task.account_id === null ? [] : [task.account_id]),
    ]);
    const timeline = [
      ...events.map((e) => ({ at: e.at, actor: e.actor, change: e.change as Record<string, unknown> })),
      ...notes.map((n) => ({ at: n.created_at, actor: n.author, change: { note: n.body, noteId: n.id } })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime());
    return {
      ...toListItem(task, facts),
      timeline: timeline.map((e) => ({ at: e.at.toISOString(), actor: e.actor, change: e.change })),
    };
  }

  /**
   * A task a person makes on an account the project knows, without a rule: open, due by its priority unless a
   * date is given, in the shared queue unless assigned; posted to the project's webhook like every new task.
   * It is not emailed at once: its assignee finds it in the task list and in the next digest.
   */
  async create(projectId: string, body: TaskCreate, actor: string): Promise<TaskView> {
    const title = body.title.trim();
    if (title === '') throw InvalidInput('title must not be blank');
    const assignee = typeof body.assignee === 'string' ? assigneeOf(body.assignee) : null;
    if (!(await this.facts.known(projectId, body.accountId))) {
      throw NotFound(`Account ${body.accountId} not found`);
    }
    const priority = body.priority ?? DEFAULT_PRIORITY;
    const { task } = await this.open(
      projectId,
      {
        id: uuidv7(),
        accountId: body.accountId,
        title,
        body: body.body?.trim() ?? '',
        priority,
        assignee,
        dueAt: body.dueAt === undefined ? dueAt(priority, Date.now()) : new Date(body.dueAt),
      },
      { actor, change: { created: true, priority, assignee } },
    );
    return toView(task);
  }

  /**
   * Opens a task without a rule under the caller's id, written with its first timeline entry and posted to the
   * project's webhook; an id already taken opens nothing (`created` false, the stored task returned), so that a
   * repeat with the same ids makes each task once.
   */
  async open(
    projectId: string,
    task: Pick<NewTask, 'id' | 'accountId' | 'title' | 'body' | 'priority' | 'assignee' | 'dueAt'>,
    entry: TaskTimelineEntry,
  ): Promise<{ task: Task; created: boolean }> {
    const existing = await this.tasks.findById(projectId, task.id);
    if (existing) return { task: existing, created: false };
    let created: Task;
    try {
      created = await this.tasks.create({ ...task, projectId, ruleId: null, signalIds: [] }, entry);
    } catch (error) {
      // The same id written by a concurrent repeat: that one made it.
      const raced = await this.tasks.findById(projectId, task.id);
      if (raced) return { task: raced, created: false };
      throw error;
    }
    if (withDefaultSettings(await this.settings.get(projectId)).webhook) {
      await this.jobs.enqueue(
        'send-webhook',
        { projectId, taskId: created.id, event: 'task.created' },
        { jobId: `task.created-${created.id}`, ...WEBHOOK_JOB },
      );
    }
    return { task: created, created: true };
  }

  /**
   * Changes status, assignee or snooze; snoozing needs a date, dismissing quiets the rule for 30 days. Closing
   * (done, dismissed) may say how it ended: an outcome, with words required for `other`; a task made live
   * again loses its outcome.
   */
  async update(projectId: string, taskId: string, patch: TaskPatch, actor: string): Promise<TaskView> {
    if (patch.status === 'snoozed' && patch.snoozedUntil === undefined) {
      throw InvalidInput('snoozedUntil is required to snooze a task');
    }
    if (patch.snoozedUntil !== undefined && Date.parse(patch.snoozedUntil) <= Date.now()) {
      throw InvalidInput('snoozedUntil must be in the future');
    }
    const closing = patch.status === 'done' || patch.status === 'dismissed';
    if (patch.outcome !== undefined && (!closing || patch.snoozedUntil !== undefined)) {
      throw InvalidInput('outcome is given when closing a task: with status done or dismissed');
    }
    if (patch.outcomeNote !== undefined && patch.outcome === undefined) {
      throw InvalidInput('outcomeNote is given with an outcome');
    }
    const outcomeNote = patch.outcomeNote?.trim() || undefined;
    if (patch.outcome === 'other' && outcomeNote === undefined) {
      throw InvalidInput('outcomeNote is required with outcome other: say how the task ended');
    }
    // An assignee is emailed (alerts, digests): the same plain, lower-cased address as everywhere else.
    if (typeof patch.assignee === 'string') patch = { ...patch, assignee: assigneeOf(patch.assignee) };
    const snoozed = patch.snoozedUntil !== undefined;
    const status = snoozed ? 'snoozed' : patch.status;
    const outcome: Pick<TaskChange, 'outcome' | 'outcomeNote'> = closing
      ? { outcome: patch.outcome ?? null, outcomeNote: outcomeNote ?? null }
      : status !== undefined
        ? { outcome: null, outcomeNote: null }
        : {};
    const row = await this.tasks.update(
      projectId,
      taskId,
      {
        status,
        assignee: patch.assignee,
        snoozedUntil: snoozed ? new Date(patch.snoozedUntil as string) : undefined,
        quietUntil: patch.status === 'dismissed' ? new Date(Date.now() + DISMISS_QUIET_MS) : undefined,
        ...outcome,
      },
      { actor, change: { ...patch, ...(outcomeNote !== undefined && { outcomeNote }) } },
    );
    if (!row) throw NotFound(`Task ${taskId} not found`);
    return toView(row);
  }
}
