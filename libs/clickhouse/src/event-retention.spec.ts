import { RETAINED_TABLES, retentionStatement } from './event-retention';

const PROJECT = '8465e105-21cc-411e-90dd-5cea66d49eec';

describe('retentionStatement', () => {
  it('re-dates each table’s rows whose date differs from their newest event’s, with the days bound', () => {
    expect(RETAINED_TABLES.map((t) => retentionStatement(PROJECT, 30, t, undefined))).toEqual([
      {
        query:
          "ALTER TABLE events UPDATE retain_until = toDateTime(timestamp + INTERVAL {days:UInt16} DAY, 'UTC') " +
          'WHERE project_id = {projectId:UUID} ' +
          "AND retain_until != toDateTime(timestamp + INTERVAL {days:UInt16} DAY, 'UTC')",
        params: { projectId: PROJECT, days: 30 },
      },
      {
        query:
          "ALTER TABLE traits UPDATE retain_until = toDateTime(updated_at + INTERVAL {days:UInt16} DAY, 'UTC') " +
          'WHERE project_id = {projectId:UUID} ' +
          "AND retain_until != toDateTime(updated_at + INTERVAL {days:UInt16} DAY, 'UTC')",
        params: { projectId: PROJECT, days: 30 },
      },
      {
        query:
          'ALTER TABLE activity_daily UPDATE retain_until = ' +
          "toDateTime(last_seen + INTERVAL {days:UInt16} DAY, 'UTC') WHERE project_id = {projectId:UUID} " +
          "AND retain_until != toDateTime(last_seen + INTERVAL {days:UInt16} DAY, 'UTC')",
        params: { projectId: PROJECT, days: 30 },
      },
      {
        query:
          'ALTER TABLE feature_daily UPDATE retain_until = ' +
          "toDateTime(last_used + INTERVAL {days:UInt16} DAY, 'UTC') WHERE project_id = {projectId:UUID} " +
          "AND retain_until != toDateTime(last_used + INTERVAL {days:UInt16} DAY, 'UTC')",
        params: { projectId: PROJECT, days: 30 },
      },
      {
        query:
          'ALTER TABLE identity_links UPDATE retain_until = ' +
          "toDateTime(timestamp + INTERVAL {days:UInt16} DAY, 'UTC') WHERE project_id = {projectId:UUID} " +
          "AND retain_until != toDateTime(timestamp + INTERVAL {days:UInt16} DAY, 'UTC')",
        params: { projectId: PROJECT, days: 30 },
      },
    ]);
  });

  it('sets the default back when the project keeps its events, on each shard’s local table', () => {
    expect(retentionStatement(PROJECT, null, RETAINED_TABLES[0]!, 'main')).toEqual({
      query:
        "ALTER TABLE events_local ON CLUSTER main UPDATE retain_until = toDateTime('2106-01-01 00:00:00', 'UTC') " +
        "WHERE project_id = {projectId:UUID} AND retain_until != toDateTime('2106-01-01 00:00:00', 'UTC')",
      params: { projectId: PROJECT },
    });
  });

  it('touches one partition when given its id, and takes nothing else for one', () => {
    expect(retentionStatement(PROJECT, 30, RETAINED_TABLES[0]!, undefined, '202011').query).toBe(
      'ALTER TABLE events UPDATE retain_until = toDateTime(timestamp + INTERVAL {days:UInt16} DAY, ' +
        "'UTC') IN PARTITION ID '202011' WHERE project_id = {projectId:UUID} " +
        "AND retain_until != toDateTime(timestamp + INTERVAL {days:UInt16} DAY, 'UTC')",
    );
    expect(() => retentionStatement(PROJECT, 30, RETAINED_TABLES[0]!, undefined, "1' OR 1")).toThrow(
      /not a partition id/,
    );
  });
});
