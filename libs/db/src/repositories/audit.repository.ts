import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';

/** Who did what to a project: key rotations, project creation, settings, rules, funnels, members. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async record(entry: {
    projectId: string | null;
    actor: string;
    action: string;
    details?: object;
  }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        project_id: entry.projectId,
        actor: entry.actor,
        action: entry.action,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  listByProject(
    projectId: string,
  ): Promise<{ actor: string; action: string; details: unknown; created_at: Date }[]> {
    return this.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'details', 'created_at'])
      .where('project_id', '=', projectId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /**
   * The audit log page: the project's entries and its tasks' changes (as `task.created` and `task.updated`),
   * newest first; only one person's (actor) or one kind (action) when asked.
   */
  search(
    projectId: string,
    filter: { actor?: string; action?: string; limit: number },
  ): Promise<{ actor: string; action: string; details: unknown; created_at: Date }[]> {
    const entries = this.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'details', 'created_at'])
      .where('project_id', '=', projectId);
    const taskChanges = this.db
      .selectFrom('task_events')
      .innerJoin('tasks', 'tasks.id', 'task_events.task_id')
      .select([
        'task_events.actor',
        sql<string>`case when task_events.change ? 'created' then 'task.created' else 'task.updated' end`.as(
          'action',
        ),
        sql<unknown>`task_events.change || jsonb_build_object('taskId', tasks.id, 'title', tasks.title)`.as(
          'details',
        ),
        'task_events.at as created_at',
      ])
      .where('tasks.project_id', '=', projectId);
    let query = this.db.selectFrom(entries.unionAll(taskChanges).as('log')).selectAll();
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    return query.orderBy('created_at', 'desc').limit(filter.limit).execute();
  }
}
