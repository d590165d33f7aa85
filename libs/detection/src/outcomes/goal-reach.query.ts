import { maxOf, minOf, type PropertyFilter, type RuleScope } from '@bindery/contracts';
import { ACTIONS, type BoundQuery, Params, propertyFilterSql, subjectOf } from '@bindery/event-queries';

/** Which events reach a goal: any action, a use of a feature, or an event by name; each with its filters. */
export type GoalTarget =
  | { kind: 'any'; where?: PropertyFilter }
  | { kind: 'feature'; feature: string; where?: PropertyFilter }
  | { kind: 'event'; event: string; where?: PropertyFilter };

/**
 * For each (subject, start) pair, the time (epoch ms) of the subject's first action matching the goal in
 * [start, start + windowMs); pairs with none are absent. Events read by their own time, each subject resolved
 * as the rules resolve it (user id, else anonymous id; or account).
 */
export function goalReachQuery(
  projectId: string,
  scope: RuleScope,
  target: GoalTarget,
  pairs: { subject: string; start: number }[],
  windowMs: number,
): BoundQuery {
  const starts = pairs.map((x) => x.start);
  const p = new Params({
    projectId,
    subjects: pairs.map((x) => x.subject),
    starts,
    windowMs,
    from: minOf(starts),
    to: maxOf(starts) + windowMs,
  });
  const subject = subjectOf(scope);
  // The goal's feature or event name is tested first and alone, before any other column is read: ClickHouse's
  // own order read the others of every granule of the days first (docs/capacity.md, Survey answers).
  const named =
    target.kind === 'any'
      ? ''
      : target.kind === 'feature'
        ? `\n  PREWHERE feature = ${p.bind(target.feature, 'String')}`
        : `\n  PREWHERE event = ${p.bind(target.event, 'String')}`;
  return {
    query: `SELECT s.subject AS subject, s.start AS start, min(e.t) AS reached_at
FROM (
  SELECT subject, start FROM system.one
  ARRAY JOIN {subjects:Array(String)} AS subject, {starts:Array(Int64)} AS start
) AS s
INNER JOIN (
  SELECT ${subject} AS subject, toUnixTimestamp64Milli(timestamp) AS t
  FROM events${named}
  WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND ${propertyFilterSql(p, target.where)}
    AND ${subject} IN {subjects:Array(String)}
    AND timestamp >= fromUnixTimestamp64Milli({from:Int64}) AND timestamp < fromUnixTimestamp64Milli({to:Int64})
) AS e ON e.subject = s.subject
WHERE e.t >= s.start AND e.t < s.start + {windowMs:Int64}
GROUP BY subject, start`,
    params: p.values,
  };
}
