import { randomUUID } from 'node:crypto';
import { type EventRow } from '@bindery/contracts';

/**
 * A row of the events table as ingest stores it, for tests that insert straight into ClickHouse: a track of
 * "Page Viewed" by nobody yet, with a fresh id, at `timestamp` (received now); `over` sets the rest.
 */
export function eventRow(projectId: string, timestamp: number, over: Partial<EventRow> = {}): EventRow {
  return {
    project_id: projectId,
    event_id: randomUUID(),
    type: 'track',
    event: 'Page Viewed',
    feature: 'Page Viewed',
    timestamp,
    received_at: Date.now(),
    user_id: '',
    anonymous_id: '',
    account_id: '',
    session_id: '',
    properties: '{}',
    context: '{}',
    traits: '{}',
    library_name: 'test',
    library_version: '1',
    source: 'segment',
    ...over,
  };
}
