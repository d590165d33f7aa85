import type { StoredEvent } from '@bindery/contracts';
import type { QueryParams } from '../../api/client';

export interface EventFilterState {
  event: string;
  userId: string;
  accountId: string;
}

export const NO_EVENT_FILTERS: EventFilterState = { event: '', userId: '', accountId: '' };

/** How often the explorer asks for new events while live. */
export const LIVE_INTERVAL_MS = 5_000;

/** The `GET events` query for the filters: trimmed, empty ones left out. */
export function eventListQuery(filters: EventFilterState, limit = 50): QueryParams {
  return {
    event: filters.event.trim(),
    userId: filters.userId.trim(),
    accountId: filters.accountId.trim(),
    limit,
  };
}

const time = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** An event's time to the second, UTC: when wiring an SDK, the minute is not enough. */
export const formatEventTime = (iso: string) => time.format(new Date(iso));

const clock = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: 'UTC',
});

/** A time of day to the second, UTC, for "updated at". */
export const formatClock = (ms: number) => `${clock.format(new Date(ms))} UTC`;

/** Who sent the event: the user id, else the anonymous id (before identify). */
export function eventActor(
  e: Pick<StoredEvent, 'userId' | 'anonymousId'>,
): { id: string; anonymous: boolean } | null {
  if (e.userId) return { id: e.userId, anonymous: false };
  if (e.anonymousId) return { id: e.anonymousId, anonymous: true };
  return null;
}
