import { type Goal, type GoalSnapshot } from '@bindery/contracts';
import { type GoalRow, type GoalSnapshotRow } from '@bindery/db';

/** A stored snapshot as the API shows it. */
export function toSnapshot(row: GoalSnapshotRow): GoalSnapshot {
  return {
    periodStart: row.period_start.toISOString(),
    periodEnd: row.period_end.toISOString(),
    value: row.value,
    target: row.target,
    onTrack: row.on_track,
    computedAt: row.computed_at.toISOString(),
  };
}

/** A stored goal as the API shows it, with its newest snapshot and the one before. */
export function toGoal(row: GoalRow, newestFirst: readonly GoalSnapshotRow[]): Goal {
  const [latest, previous] = newestFirst;
  return {
    id: row.id,
    name: row.name,
    metric: row.metric,
    params: row.params,
    target: row.target,
    direction: row.direction,
    cadence: row.cadence,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    latest: latest ? toSnapshot(latest) : null,
    previous: previous ? toSnapshot(previous) : null,
  };
}
