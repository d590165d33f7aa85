import { type FunnelStallParams } from '@bindery/contracts';
import { type Detection, type Subject } from './detection';

/** A subject's progress through the saved funnel: steps reached and when each was reached (epoch ms). */
export interface FunnelProgress {
  subject: Subject;
  reach: number;
  stepTimes: number[];
}

/**
 * Subjects that reached step k (not the last) and not step k+1 within `stallHours` of reaching k. The funnel's
 * window bounds this: step k+1 counts only within windowSeconds of step 1, so once the window has passed the
 * subject stays stalled; a stallHours past the window only delays the signal. The period is the path's start
 * and the step, so a subject stalls once per path and step; the signal names the next step (the one the
 * training email is about).
 */
export function evaluateFunnelStall(
  p: FunnelStallParams,
  now: number,
  stepNames: string[],
  subjects: FunnelProgress[],
): Detection[] {
  return subjects
    .filter(
      (s) =>
        s.reach >= 1 &&
        s.reach < stepNames.length &&
        now - s.stepTimes[s.reach - 1] >= p.stallHours * 3_600_000,
    )
    .map((s) => ({
      subject: s.subject,
      periodKey: `step:${s.reach}:from:${new Date(s.stepTimes[0]).toISOString()}`,
      details: {
        funnelId: p.funnelId,
        step: s.reach,
        stepEvent: stepNames[s.reach - 1],
        nextStep: s.reach + 1,
        nextStepEvent: stepNames[s.reach],
        reachedStepAt: new Date(s.stepTimes[s.reach - 1]).toISOString(),
        hoursStalled: Math.floor((now - s.stepTimes[s.reach - 1]) / 3_600_000),
      },
    }));
}
