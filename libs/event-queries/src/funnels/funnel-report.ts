import { type FunnelStep, type FunnelStepResult } from '@bindery/contracts';
import { type Paths } from './funnel-paths';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const seconds = (ms: number) => Math.round(ms) / 1000;

/** The median (mean of the two middle values for an even count), or null for none. */
function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
}

/** Counts, conversions, drop-off and times to convert per step, from each subject's best path. */
export function funnelSteps(steps: FunnelStep[], parts: Paths[]): FunnelStepResult[] {
  const counts = steps.map(() => 0);
  const waits = steps.map((): number[] => []);
  for (const { reach, times } of parts) {
    for (let s = 0; s < reach.length; s++) {
      const at = s * steps.length;
      for (let i = 0; i < reach[s]; i++) {
        counts[i]++;
        if (i > 0) waits[i].push(times[at + i] - times[at + i - 1]);
      }
    }
  }
  return steps.map((step, i) => {
    const med = median(waits[i]);
    return {
      event: step.event,
      count: counts[i],
      conversionFromPrevious: i === 0 ? 1 : ratio(counts[i], counts[i - 1]),
      conversionFromFirst: ratio(counts[i], counts[0]),
      dropOff: counts[i] - (counts[i + 1] ?? counts[i]),
      medianSecondsToConvert: med === null ? null : seconds(med),
      avgSecondsToConvert: waits[i].length
        ? seconds(waits[i].reduce((a, b) => a + b, 0) / waits[i].length)
        : null,
    };
  });
}
