import { type NeverAdoptedParams } from '@bindery/contracts';
import { type Detection, isoDay, type Subject } from './detection';

/** When a subject was first seen, and whether it has used the feature since. */
export interface Adoption {
  subject: Subject;
  firstSeenDay: number;
  used: boolean;
}

/** Subjects with `days` full days behind their first day (first seen on F: from F + days + 1) that never used the feature. Fires once. */
export function evaluateNeverAdopted(
  p: NeverAdoptedParams,
  today: number,
  subjects: Adoption[],
): Detection[] {
  return subjects
    .filter((s) => !s.used && today - s.firstSeenDay > p.days)
    .map((s) => ({
      subject: s.subject,
      periodKey: 'once',
      details: { feature: p.feature, firstSeenDay: isoDay(s.firstSeenDay), days: p.days },
    }));
}
