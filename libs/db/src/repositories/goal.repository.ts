import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { type GoalCadence, type GoalDirection, type GoalMetric, type GoalParams } from '@bindery/contracts';
import { DB } from '../database';
import { type GoalRow, type GoalSnapshotRow } from '../goal-schema';
import { type Database } from '../schema';

/** A goal's fields as written. */
export interface GoalFields {
  name: string;
  metric: GoalMetric;
  params: GoalParams;
  target: number;
  direction: GoalDirection;
  cadence: GoalCadence;
}

/** A snapshot about to be written. */
export interface NewGoalSnapshot {
  goalId: string;
  periodStart: Date;
  periodEnd: Date;
  value: number | null;
  target: number;
  onTrack: boolean;
}

/** A snapshot with its goal, and the goal's snapshot of the period before, for the periodic report. */
export interface ReportedGoal {
  goal: GoalRow;
  snapshot: GoalSnapshotRow;
  previous: GoalSnapshotRow | undefined;
}

const columns = (fields: GoalFields) => ({ ...fields, params: JSON.stringify(fields.params) });

/** Retention goals and their snapshots; every read is scoped by project. */
@Injectable()
export class GoalRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  create(projectId: string, id: string, fields: GoalFields, createdBy: string, at: Date): Promise<GoalRow> {
    return this.db
      .insertInto('goals')
      .values({
        id,
        project_id: projectId,
        ...columns(fields),
        created_by: createdBy,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  update(projectId: string, id: string, fields: GoalFields, at: Date): Promise<GoalRow | undefined> {
    return this.db
      .updateTable('goals')
      .set({ ...columns(fields), updated_at: at })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('goals')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  findById(projectId: string, id: string): Promise<GoalRow | undefined> {
    return this.db
      .selectFrom('goals')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  listByProject(projectId: string): Promise<GoalRow[]> {
    return this.db
      .selectFrom('goals')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }

  /** The goals' newest snapshots, up to `perGoal` each, newest first. */
  async latestSnapshots(
    goalIds: readonly string[],
    perGoal: number,
  ): Promise<Map<string, GoalSnapshotRow[]>> {
    const byGoal = new Map<string, GoalSnapshotRow[]>(goalIds.map((id) => [id, []]));
    if (goalIds.length === 0) return byGoal;
    const rows = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('goal_snapshots')
          .selectAll()
          .select(sql<number>`row_number() over (partition by goal_id order by period_start desc)`.as('rank'))
          .where('goal_id', 'in', goalIds)
          .as('s'),
      )
      .select(['goal_id', 'period_start', 'period_end', 'value', 'target', 'on_track', 'computed_at'])
      .where('rank', '<=', perGoal)
      .orderBy('period_start', 'desc')
      .execute();
    for (const row of rows) byGoal.get(row.goal_id)?.push(row);
    return byGoal;
  }

  /** A goal's newest `limit` snapshots, oldest first. */
  async snapshots(goalId: string, limit: number): Promise<GoalSnapshotRow[]> {
    const rows = await this.db
      .selectFrom('goal_snapshots')
      .selectAll()
      .where('goal_id', '=', goalId)
      .orderBy('period_start', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse();
  }

  /** Forgets a goal's history (its measure changed: the old values no longer compare). */
  async deleteSnapshots(goalId: string): Promise<void> {
    await this.db.deleteFrom('goal_snapshots').where('goal_id', '=', goalId).execute();
  }

  /** Writes a snapshot unless its goal and period have one; true when this call wrote it. */
  async addSnapshot(s: NewGoalSnapshot, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto('goal_snapshots')
      .values({
        goal_id: s.goalId,
        period_start: s.periodStart,
        period_end: s.periodEnd,
        value: s.value,
        target: s.target,
        on_track: s.onTrack,
        computed_at: at,
      })
      .onConflict((oc) => oc.columns(['goal_id', 'period_start']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  /** The end of the newest period, ended by `notAfter`, that any goal of the project was snapshotted for. */
  async latestPeriodEnd(projectId: string, notAfter: Date): Promise<Date | undefined> {
    const row = await this.db
      .selectFrom('goal_snapshots')
      .innerJoin('goals', 'goals.id', 'goal_snapshots.goal_id')
      .select((eb) => eb.fn.max('goal_snapshots.period_end').as('end'))
      .where('goals.project_id', '=', projectId)
      .where('goal_snapshots.period_end', '<=', notAfter)
      .executeTakeFirst();
    return row?.end ? new Date(row.end) : undefined;
  }

  /** The project's goals snapshotted for a period ending at `end`, each with its snapshot before it. */
  async endingAt(projectId: string, end: Date): Promise<ReportedGoal[]> {
    const goals = await this.listByProject(projectId);
    if (goals.length === 0) return [];
    const snapshots = await this.db
      .selectFrom('goal_snapshots')
      .selectAll()
      .where(
        'goal_id',
        'in',
        goals.map((g) => g.id),
      )
      .where('period_end', '<=', end)
      .orderBy('period_start', 'desc')
      .execute();
    const reported: ReportedGoal[] = [];
    for (const goal of goals) {
      const [snapshot, previous] = snapshots.filter((s) => s.goal_id === goal.id);
      if (snapshot && snapshot.period_end.getTime() === end.getTime()) {
        reported.push({ goal, snapshot, previous });
      }
    }
    return reported;
  }

  /** The sum and count of the project's stored health scores on a day ('YYYY-MM-DD'). */
  async healthOn(projectId: string, day: string): Promise<{ sum: number; count: number }> {
    const row = await this.db
      .selectFrom('account_health')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<string>('score'), sql<string>`0`).as('sum'),
        eb.fn.countAll<string>().as('count'),
      ])
      .where('project_id', '=', projectId)
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return { sum: Number(row.sum), count: Number(row.count) };
  }
}
