import { type Aggregation } from '@bindery/contracts';
import { EVENT_PERSON } from './persons';

/** Event types that are usage; identify, group and alias calls carry traits. */
export const ACTIONS = `type IN ('track', 'page', 'screen')`;

/**
 * The subject an event counts for: its person (user id, else anonymous id, merged by identity links:
 * {@link EVENT_PERSON}) or its account. The query must bind `{projectId:UUID}`.
 */
export function subjectOf(aggregateBy: Aggregation): string {
  return aggregateBy === 'account' ? 'account_id' : EVENT_PERSON;
}

/**
 * A project's actions that pass `where`, each event once, with their account and `day`: `events` read with
 * FINAL, which drops a retried event's second row (its sort key holds the event id). Counting these is several
 * times cheaper than merging the daily rollup's sets of event ids. `where` may test `day`: the UTC day, or
 * when `zoned` the day of the time zone the query binds as `{tz:String}`.
 */
export function uniqueActions(where: string, zoned = false): string {
  return `SELECT account_id, toDate(timestamp${zoned ? ', {tz:String}' : ''}) AS day
    FROM events FINAL
    WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND ${where}`;
}
