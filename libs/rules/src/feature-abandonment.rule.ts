import { type FeatureAbandonmentParams } from '@bindery/contracts';
import { type Detection, isoDay, type Subject } from './detection';

/** A subject's uses of the feature and its activity, within the days the rule reads. */
export interface FeatureUsage {
  subject: Subject;
  uses: number;
  lastUseDay: number;
  lastActiveDay: number;
}

/** The days the rule reads: uses are counted over the `lookbackDays` days that end today. */
export const featureAbandonmentWindow = (p: FeatureAbandonmentParams, today: number) => ({
  firstDay: today - p.lookbackDays + 1,
  lastDay: today,
});

/**
 * Subjects that used the feature at least `minUses` times, have not used it for `idleDays` full days, and
 * were active (any action) after their last use: they stayed, the feature did not. One signal per last use.
 */
export function evaluateFeatureAbandonment(
  p: FeatureAbandonmentParams,
  today: number,
  subjects: FeatureUsage[],
): Detection[] {
  return subjects
    .filter((s) => s.uses >= p.minUses && today - s.lastUseDay > p.idleDays && s.lastActiveDay > s.lastUseDay)
    .map((s) => ({
      subject: s.subject,
      periodKey: `last-use:${isoDay(s.lastUseDay)}`,
      details: {
        feature: p.feature,
        uses: s.uses,
        lastUseDay: isoDay(s.lastUseDay),
        lastActiveDay: isoDay(s.lastActiveDay),
        idleDays: today - s.lastUseDay - 1,
      },
    }));
}
