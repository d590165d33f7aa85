import { type Interval, newcombeInterval } from './newcombe';

/** One subject of a rule version: its arm, when its goal window ends, and when it reached the goal, if it did. */
export interface SubjectOutcome {
  heldOut: boolean;
  /** Epoch ms: the signal's time plus goalDays. */
  windowEnd: number;
  /** Epoch ms of the first goal event within the window; undefined when none (yet). */
  reachedAt?: number;
}

export interface ArmCounts {
  subjects: number;
  reached: number;
  rate: number | null;
  pending: number;
  pendingReached: number;
}

export interface EffectCounts {
  treated: ArmCounts;
  heldOut: ArmCounts;
  lift: number | null;
  interval: Interval | null;
  complete: boolean;
}

function arm(outcomes: SubjectOutcome[], now: number): ArmCounts {
  let subjects = 0;
  let reached = 0;
  let pending = 0;
  let pendingReached = 0;
  for (const o of outcomes) {
    if (o.windowEnd > now) {
      pending++;
      if (o.reachedAt !== undefined) pendingReached++;
    } else {
      subjects++;
      if (o.reachedAt !== undefined) reached++;
    }
  }
  return { subjects, reached, rate: subjects ? reached / subjects : null, pending, pendingReached };
}

/**
 * The effect of a rule version: per arm, the subjects whose goal window has ended and how many reached the goal
 * within it (subjects still inside their window are counted apart, as neither success nor failure); the lift,
 * treated rate − held-out rate, with its 95 % interval by Newcombe's hybrid score method.
 */
export function ruleEffect(outcomes: SubjectOutcome[], now: number): EffectCounts {
  const treated = arm(
    outcomes.filter((o) => !o.heldOut),
    now,
  );
  const heldOut = arm(
    outcomes.filter((o) => o.heldOut),
    now,
  );
  const measured = treated.subjects > 0 && heldOut.subjects > 0;
  return {
    treated,
    heldOut,
    lift: measured ? (treated.rate ?? 0) - (heldOut.rate ?? 0) : null,
    interval: measured
      ? newcombeInterval(treated.reached, treated.subjects, heldOut.reached, heldOut.subjects)
      : null,
    complete: treated.pending === 0 && heldOut.pending === 0,
  };
}
