import { type Aggregation } from '@bindery/contracts';
import { type BoundQuery } from './bound-query';
import { ACTIONS, subjectOf } from './subjects';

/** Each subject's most recent action (at equal times, the greatest name) for the subjects listed. */
export function lastActionsQuery(
  projectId: string,
  aggregateBy: Aggregation,
  subjects: string[],
): BoundQuery<{ subject: string; event: string; ts: number; account: string }> {
  return {
    query: `SELECT ${subjectOf(aggregateBy)} AS subject,
    argMax(event, (timestamp, event)) AS event, toUnixTimestamp64Milli(max(timestamp)) AS ts,
    argMaxIf(account_id, (timestamp, events.event, account_id), account_id != '') AS account
FROM events
WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND subject IN {subjects:Array(String)}
GROUP BY subject`,
    params: { projectId, subjects },
  };
}
