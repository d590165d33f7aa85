import { minOf, type RuleScope } from '@bindery/contracts';
import { type BoundQuery } from '@bindery/event-queries';
import { type DayWindow, evaluateFeatureAbandonment, featureAbandonmentWindow, isoDay } from '@bindery/rules';
import { featureUsedSinceQuery } from './feature-use.query';
import { dayOf, type RuleKind, signalSubject, rollupSubject, subjectOf } from './rule-kind';

/** Each subject's uses of a feature in the window, its last use and its last action of any kind. */
export function featureUsageQuery(
  projectId: string,
  scope: RuleScope,
  feature: string,
  window: DayWindow,
): BoundQuery<{ subject: string; uses: number; last_use: number; last_active: number }> {
  const s = rollupSubject(scope);
  const days = `day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})`;
  return {
    query: `SELECT subject, uses, last_use, last_active
FROM (
  SELECT subject, sum(n) AS uses, toUInt32(max(day)) AS last_use
  FROM (
    SELECT ${s} AS subject, day, uniqExactMerge(uses) AS n
    FROM feature_daily
    WHERE project_id = {projectId:UUID} AND feature = {feature:String} AND subject != '' AND ${days}
    GROUP BY subject, day
  )
  GROUP BY subject
) AS u
INNER JOIN (
  SELECT ${s} AS subject, toUInt32(max(day)) AS last_active
  FROM activity_daily
  WHERE project_id = {projectId:UUID} AND subject != '' AND ${days}
  GROUP BY subject
) AS a USING (subject)`,
    params: { projectId, feature, ...window },
  };
}

/** Subjects that adopted a feature, stayed active, and stopped using it. */
export const featureAbandonment: RuleKind<'feature_abandonment'> = {
  clearedByActivity: true,
  async detect({ projectId, rule, params, today, runner }) {
    const rows = await runner.rows(
      featureUsageQuery(projectId, rule.scope, params.feature, featureAbandonmentWindow(params, today)),
    );
    return evaluateFeatureAbandonment(
      params,
      today,
      rows.map((r) => ({
        subject: subjectOf(rule.scope, r.subject),
        uses: r.uses,
        lastUseDay: r.last_use,
        lastActiveDay: r.last_active,
      })),
    );
  },

  /** Cleared by a use of the feature after the last use the signal names. */
  async resolve({ projectId, rule, params, runner }, open) {
    if (!open.length) return [];
    const lastUse = new Map(open.map((s) => [s.id, dayOf(s.details.lastUseDay)]));
    const rows = await runner.rows(
      featureUsedSinceQuery(
        projectId,
        rule.scope,
        params.feature,
        [...new Set(open.map((s) => signalSubject(rule.scope, s)))],
        minOf(lastUse.values()) + 1,
      ),
    );
    const bySubject = new Map(rows.map((r) => [r.subject, r.last_use]));
    return open.flatMap((s) => {
      const used = bySubject.get(signalSubject(rule.scope, s));
      return used !== undefined && used > (lastUse.get(s.id) as number)
        ? [{ signalId: s.id, reason: `used ${params.feature} again on ${isoDay(used)}` }]
        : [];
    });
  },

  explain: (d) =>
    `Stopped using ${String(d.feature)} after ${String(d.uses)} uses (last ${String(d.lastUseDay)}), still active`,
};
