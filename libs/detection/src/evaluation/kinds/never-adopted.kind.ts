import { minOf, type RuleScope } from '@bindery/contracts';
import { type BoundQuery } from '@bindery/event-queries';
import { type DayWindow, evaluateNeverAdopted, isoDay, sinceWatermark } from '@bindery/rules';
import { featureUsedSinceQuery } from './feature-use.query';
import { dayOf, type RuleKind, signalSubject, rollupSubject, subjectOf } from './rule-kind';

/** Never-adopted looks at subjects whose deadline passed in the last 30 days, not at every old user. */
const SPAN_DAYS = 30;

/** Subjects first seen (ever) on days firstDay..lastDay, and whether they have used the feature since. */
export function adoptionQuery(
  projectId: string,
  scope: RuleScope,
  feature: string,
  window: DayWindow,
): BoundQuery<{ subject: string; first_day: number; used: number }> {
  const s = rollupSubject(scope);
  return {
    query: `SELECT ${s} AS subject, toUInt32(min(day)) AS first_day,
    subject IN (
      SELECT ${s} FROM feature_daily WHERE project_id = {projectId:UUID} AND feature = {feature:String}
    ) AS used
FROM activity_daily
WHERE project_id = {projectId:UUID} AND subject != ''
GROUP BY subject
HAVING first_day >= {firstDay:UInt32} AND first_day <= {lastDay:UInt32}`,
    params: { projectId, feature, ...window },
  };
}

/** Subjects some days past their first that never used a feature. */
export const neverAdopted: RuleKind<'never_adopted'> = {
  clearedByActivity: true,
  async detect({ projectId, rule, params, today, watermark, runner }) {
    const watermarkDay = watermark === undefined ? undefined : Math.floor(watermark / 86_400_000);
    const window = sinceWatermark(
      { firstDay: today - params.days - SPAN_DAYS, lastDay: today - params.days - 1 },
      watermarkDay,
      params.days,
    );
    const rows = await runner.rows(adoptionQuery(projectId, rule.scope, params.feature, window));
    return evaluateNeverAdopted(
      params,
      today,
      rows.map((r) => ({
        subject: subjectOf(rule.scope, r.subject),
        firstSeenDay: r.first_day,
        used: r.used === 1,
      })),
    );
  },

  /** Cleared by a first use of the feature. */
  async resolve({ projectId, rule, params, runner }, open) {
    if (!open.length) return [];
    const rows = await runner.rows(
      featureUsedSinceQuery(
        projectId,
        rule.scope,
        params.feature,
        [...new Set(open.map((s) => signalSubject(rule.scope, s)))],
        minOf(open.map((s) => dayOf(s.details.firstSeenDay))),
      ),
    );
    const bySubject = new Map(rows.map((r) => [r.subject, r.first_use]));
    return open.flatMap((s) => {
      const first = bySubject.get(signalSubject(rule.scope, s));
      return first === undefined
        ? []
        : [{ signalId: s.id, reason: `started using ${params.feature} on ${isoDay(first)}` }];
    });
  },

  explain: (d) =>
    `Has not used ${String(d.feature)} in the ${String(d.days)} days since first seen (${String(d.firstSeenDay)})`,
};
