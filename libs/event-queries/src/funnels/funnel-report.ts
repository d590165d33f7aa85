import { type FunnelStep, type FunnelStepResult } from '@bindery/contracts';
import { type Paths } from './funnel-paths';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const seconds = (ms: number) => Math.round(ms) / 1000;

/** The median (mean of the two middle values for an even count), or null for none; reorders `values`. */
function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const high = Math.floor(values.length / 2);
  const upper = select(values, high);
  if (values.length % 2 === 1) return upper;
  // The lower middle value is the largest of those before `high`, which selection left below it.
  let lower = -Infinity;
  for (let i = 0; i < high; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/**
 * The `k`th smallest of `values` (Hoare's selection): it ends at index k, smaller ones before it and larger
 * ones after; linear on average, where sorting each step's times cost most of a report's time in Node.
 */
function select(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k]!;
}

/** Counts, conversions, drop-off and times to convert per step, from each subject's best path. */
export function funnelSteps(steps: FunnelStep[], parts: Paths[]): FunnelStepResult[] {
  const n = steps.length;
  const subjects = parts.reduce((sum, p) => sum + p.reach.length, 0);
  const counts = new Array<number>(n).fill(0);
  // Each step's times to convert from the one before, as many as subjects reached it.
  const waits = steps.map((_, i) => new Float64Array(i === 0 ? 0 : subjects));
  for (const { reach, times } of parts) {
    for (let s = 0; s < reach.length; s++) {
      const at = s * n;
      const reached = Math.min(reach[s]!, n);
      for (let i = 0; i < reached; i++) {
        if (i > 0) waits[i]![counts[i]!] = times[at + i]! - times[at + i - 1]!;
        counts[i]!++;
      }
    }
  }
  const first = counts[0] ?? 0;
  return steps.map((step, i) => {
    const count = counts[i]!;
    const own = waits[i]!.subarray(0, i === 0 ? 0 : count);
    const med = median(own);
    return {
      event: step.event,
      count,
      conversionFromPrevious: i === 0 ? 1 : ratio(count, counts[i - 1]!),
      conversionFromFirst: ratio(count, first),
      dropOff: count - (counts[i + 1] ?? count),
      medianSecondsToConvert: med === null ? null : seconds(med),
      avgSecondsToConvert: own.length ? seconds(own.reduce((a, b) => a + b, 0) / own.length) : null,
    };
  });
}
