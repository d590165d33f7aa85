import { type ColumnType, type Selectable } from 'kysely';
import { type GoalCadence, type GoalDirection, type GoalMetric, type GoalParams } from '@bindery/contracts';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** A project's retention goal: a metric of its own, a target, and how often it is measured. */
export interface GoalsTable {
  id: string;
  project_id: string;
  name: string;
  metric: GoalMetric;
  /** The metric's parameters, as the API validated them. Written as JSON text. */
  params: ColumnType<GoalParams, string, string>;
  /** Postgres `double precision`. */
  target: number;
  direction: GoalDirection;
  cadence: GoalCadence;
  created_by: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A goal measured for one period [period_start, period_end): written once, never changed. */
export interface GoalSnapshotsTable {
  goal_id: string;
  period_start: Date;
  period_end: Date;
  value: number | null;
  target: number;
  on_track: boolean;
  computed_at: CreatedAt;
}

export interface GoalTables {
  goals: GoalsTable;
  goal_snapshots: GoalSnapshotsTable;
}

export type GoalRow = Selectable<GoalsTable>;
export type GoalSnapshotRow = Selectable<GoalSnapshotsTable>;
