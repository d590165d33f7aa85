import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type Goal,
  type GoalInput,
  type GoalList,
  type GoalPatch,
  type GoalSnapshotList,
  InvalidInput,
  NotFound,
} from '@bindery/contracts';
import {
  AuditRepository,
  type GoalFields,
  GoalRepository,
  type GoalRow,
  SurveyRepository,
} from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { checkGoal } from './goal-input';
import { toGoal, toSnapshot } from './goal-views';

/** A goal's history as the API lists it: the newest two years of weeks. */
const HISTORY = 104;
/** A new or re-measured goal is measured this soon: goals set together are measured together. */
const MEASURE_DELAY_MS = 5_000;

/** A project's retention goals: defined by its admins, read by every member, snapshotted by the notifier. */
@Injectable()
export class GoalsService {
  constructor(
    private readonly goals: GoalRepository,
    private readonly surveys: SurveyRepository,
    private readonly audit: AuditRepository,
    private readonly jobs: JobProducer,
  ) {}

  async list(projectId: string): Promise<GoalList> {
    const rows = await this.goals.listByProject(projectId);
    const latest = await this.goals.latestSnapshots(
      rows.map((g) => g.id),
      2,
    );
    return { goals: rows.map((g) => toGoal(g, latest.get(g.id) ?? [])) };
  }

  async get(projectId: string, goalId: string): Promise<Goal> {
    const row = await this.goals.findById(projectId, goalId);
    if (!row) throw NotFound(`Goal ${goalId} not found`);
    const latest = await this.goals.latestSnapshots([row.id], 2);
    return toGoal(row, latest.get(row.id) ?? []);
  }

  async create(projectId: string, input: GoalInput, actor: string, now = new Date()): Promise<Goal> {
    const fields = await this.check(projectId, { ...input, direction: input.direction ?? 'at_least' });
    const row = await this.goals.create(projectId, uuidv7(), fields, actor, now);
    await this.audit.record({ projectId, actor, action: 'goal.created', details: { goalId: row.id } });
    await this.measureSoon(row);
    return toGoal(row, []);
  }

  /**
   * Changes a goal. A new metric, parameters or cadence measure something else: the history is dropped and
   * taken afresh from the goal's creation at the next snapshot. A new target or name keeps it.
   */
  async update(projectId: string, goalId: string, patch: GoalPatch, actor: string): Promise<Goal> {
    const current = await this.goals.findById(projectId, goalId);
    if (!current) throw NotFound(`Goal ${goalId} not found`);
    const metricChanged = patch.metric !== undefined && patch.metric !== current.metric;
    const fields = await this.check(projectId, {
      name: patch.name ?? current.name,
      metric: patch.metric ?? current.metric,
      params: patch.params ?? (metricChanged ? {} : current.params),
      target: patch.target ?? current.target,
      direction: patch.direction ?? current.direction,
      cadence: patch.cadence ?? current.cadence,
    });
    const remeasured =
      fields.metric !== current.metric ||
      fields.cadence !== current.cadence ||
      JSON.stringify(fields.params) !== JSON.stringify(current.params);
    const row = await this.goals.update(projectId, goalId, fields, new Date());
    if (!row) throw NotFound(`Goal ${goalId} not found`);
    if (remeasured) {
      await this.goals.deleteSnapshots(goalId);
      await this.measureSoon(row);
    }
    await this.audit.record({ projectId, actor, action: 'goal.updated', details: { goalId, remeasured } });
    return this.get(projectId, goalId);
  }

  async delete(projectId: string, goalId: string, actor: string): Promise<void> {
    if (!(await this.goals.delete(projectId, goalId))) throw NotFound(`Goal ${goalId} not found`);
    await this.audit.record({ projectId, actor, action: 'goal.deleted', details: { goalId } });
  }

  async snapshots(projectId: string, goalId: string): Promise<GoalSnapshotList> {
    const row = await this.goals.findById(projectId, goalId);
    if (!row) throw NotFound(`Goal ${goalId} not found`);
    return { snapshots: (await this.goals.snapshots(row.id, HISTORY)).map(toSnapshot) };
  }

  /** Queues the notifier's goals job for the project, so that a goal's baseline need not wait for the hour. */
  private async measureSoon(goal: GoalRow): Promise<void> {
    await this.jobs.enqueue(
      'goal-report',
      { projectId: goal.project_id },
      { jobId: `goal-report-${goal.id}-${goal.updated_at.getTime()}`, delay: MEASURE_DELAY_MS },
    );
  }

  /** The fields checked, and an nps goal's survey found among the project's NPS surveys. */
  private async check(projectId: string, input: Parameters<typeof checkGoal>[0]): Promise<GoalFields> {
    const fields = checkGoal(input);
    if (fields.metric === 'nps') {
      const survey = await this.surveys.findById(projectId, fields.params.surveyId ?? '');
      if (survey?.kind !== 'nps') {
        throw InvalidInput('params.surveyId names no NPS survey of this project', {
          field: 'params.surveyId',
        });
      }
    }
    return fields;
  }
}
