/**
 * Re-dating a project's stored rows when its `eventRetentionDays` changes: one mutation per table that holds
 * events or rows derived from them (migrations 0005 and 0006 gave each a `retain_until` column and
 * `TTL retain_until`). Each row's new date follows from what it holds, as ingest and the views would have set
 * it: an event's timestamp, a trait's `updated_at`, a rollup row's newest event, a link's call.
 */
export const RETAINED_TABLES: readonly { table: string; newest: string }[] = [
  { table: 'events', newest: 'timestamp' },
  { table: 'traits', newest: 'updated_at' },
  { table: 'activity_daily', newest: 'last_seen' },
  { table: 'feature_daily', newest: 'last_used' },
  { table: 'identity_links', newest: 'timestamp' },
];

export interface RetentionStatement {
  query: string;
  params: Record<string, unknown>;
}

/**
 * The mutation that sets `retain_until` of the project's rows of a table: `retentionDays` after each row's newest
 * event, or the column's default (kept until deleted) when null. Only rows whose date differs are named, so the
 * engine rewrites only the parts holding one (it links the others as they are): re-dating again after a change
 * costs the parts written since. On a cluster it runs on each shard's local table; the Distributed table has
 * no rows of its own. With `partitionId` (as `_partition_id` names it) it touches that partition's parts only:
 * a mutation of the whole table reads every part of every project.
 */
export function retentionStatement(
  projectId: string,
  retentionDays: number | null,
  t: (typeof RETAINED_TABLES)[number],
  cluster: string | undefined,
  partitionId?: string,
): RetentionStatement {
  const partition = inPartition(partitionId);
  const target = cluster ? `${t.table}_local ON CLUSTER ${cluster}` : t.table;
  const until =
    retentionDays === null
      ? `toDateTime('2106-01-01 00:00:00', 'UTC')`
      : `toDateTime(${t.newest} + INTERVAL {days:UInt16} DAY, 'UTC')`;
  return {
    query: `ALTER TABLE ${target} UPDATE retain_until = ${until}${partition} WHERE project_id = {projectId:UUID} AND retain_until != ${until}`,
    params: retentionDays === null ? { projectId } : { projectId, days: retentionDays },
  };
}

/**
 * The `IN PARTITION ID` clause that limits a mutation to one partition (as `_partition_id` names it), or
 * nothing for the whole table. Partition ids are read from the table, never taken from a request; they are
 * checked to be word characters all the same, since a clause cannot bind them.
 */
export function inPartition(partitionId: string | undefined): string {
  if (partitionId === undefined) return '';
  if (!/^\w+$/.test(partitionId)) throw new Error(`not a partition id: ${partitionId}`);
  return ` IN PARTITION ID '${partitionId}'`;
}
