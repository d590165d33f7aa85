import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type Database, type RuleRun, type RuleRunTrigger } from '../schema';

/**
 * Runs of a project's rules: queued by the scheduler or a user, then running, then done or failed. The worker
 * knows a run by its id (the job's), so the transitions take the id alone; a finished run stays finished.
 */
@Injectable()
export class RuleRunRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  create(run: { id: string; projectId: string; trigger: RuleRunTrigger }): Promise<RuleRun> {
    return this.db
      .insertInto('rule_runs')
      .values({ id: run.id, project_id: run.projectId, trigger: run.trigger, status: 'queued' })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Marks the run running; again when a retried job starts it anew. Undefined if it is finished or unknown. */
  start(id: string): Promise<RuleRun | undefined> {
    return this.db
      .updateTable('rule_runs')
      .set({ status: 'running', started_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks a running run done with what it did. Undefined unless the run was running. */
  finish(id: string, counts: Record<string, number>): Promise<RuleRun | undefined> {
    return this.db
      .updateTable('rule_runs')
      .set({ status: 'done', counts: JSON.stringify(counts), finished_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst();
  }

  /** Marks an unfinished run failed with the reason. Undefined if it is finished or unknown. */
  fail(id: string, error: string): Promise<RuleRun | undefined> {
    return this.db
      .updateTable('rule_runs')
      .set({ status: 'failed', error, finished_at: sql<Date>`now()` })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'running'])
      .returningAll()
      .executeTakeFirst();
  }

  findById(projectId: string, id: string): Promise<RuleRun | undefined> {
    return this.db
      .selectFrom('rule_runs')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
