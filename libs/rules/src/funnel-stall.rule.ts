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
  return subjects.flatMap((s) => {
    // Reached a step (reach >= 1) but not the last one (a next step exists).
    const startedAt = s.stepTimes[0];
    const reachedAt = s.stepTimes[s.reach - 1];
    const stepEvent = stepNames[s.reach - 1];
    const nextStepEvent = stepNames[s.reach];
    if (
      s.reach < 1 ||
      startedAt === undefined ||
      reachedAt === undefined ||
      stepEvent === undefined ||
      nextStepEvent === undefined ||
      now - reachedAt < p.stallHours * 3_600_000
    ) {
      return [];
    }
    return [
      {
        subject: s.subject,
        periodKey: `step:${s.reach}:from:${new Date(startedAt).toISOString()}`,
        details: {
          funnelId: p.funnelId,
          step: s.reach,
          stepEvent,
          nextStep: s.reach + 1,
          nextStepEvent,
          reachedStepAt: new Date(reachedAt).toISOString(),
          hoursStalled: Math.floor((now - reachedAt) / 3_600_000),
        },
      },
    ];
  });
}
