import { createHash } from 'node:crypto';

/** Hash buckets: a hold-out share is honoured to a hundredth of a per cent. */
const BUCKETS = 10_000;

/**
 * The bucket (0–9999) of a subject for a rule: the first four bytes of SHA-256 of `rule id | subject key`. It
 * depends on nothing else, so every run, worker and restart puts a subject in the same arm of a rule, and
 * raising the hold-out share only moves subjects from the treated arm to the held-out one.
 */
export function holdoutBucket(ruleId: string, subjectKey: string): number {
  return createHash('sha256').update(`${ruleId}|${subjectKey}`).digest().readUInt32BE(0) % BUCKETS;
}

/** Whether a subject is in the rule's hold-out arm at `holdoutPct` per cent (0 holds out nobody). */
export const isHeldOut = (ruleId: string, subjectKey: string, holdoutPct: number): boolean =>
  holdoutBucket(ruleId, subjectKey) < holdoutPct * (BUCKETS / 100);
