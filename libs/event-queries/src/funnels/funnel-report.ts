import { type FunnelStep, type FunnelStepResult } from '@bindery/contracts';
import { type Paths } from './funnel-paths';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const seconds = (ms: number) => Math.round(ms) / 1000;

/** The median (mean of the two middle values for an even count), or null for none. */
function median(values: number[]): number | null {
  const sorted = Float64Array.from(values).sort();
  const mid = (sorted.length - 1) / 2;
  const low = sorted[Math.floor(mid)];
  const high = sorted[Math.ceil(mid)];
  return low === undefined || high === undefined ? null : (low + high) / 2;
}

/** Counts, conversions, drop-off and times to convert per step, from each subject's best path. */
export function funnelSteps(steps: FunnelStep[], parts: Paths[]): FunnelStepResult[] {
  const tally = steps.map(() => ({ count: 0, waits: [] as number[] }));
  for (const { reach, times } of parts) {
    reach.forEach((reached, s) => {
      const at = s * steps.length;
      for (let i = 0; i < reached; i++) {
        const step = tally[i];
        if (step === undefined) break;
        step.count++;
        const done = times[at + i];
        const before = times[at + i - 1];
        if (i > 0 && done !== undefined && before !== undefined) step.waits.push(done - before);
      }
    });
  }
  const first = tally[0]?.count ?? 0;
  return steps.map((step, i) => {
    const { count, waits } = tally[i] ?? { count: 0, waits: [] };
    const med = median(waits);
    return {
      event: step.event,
      count,
      conversionFromPrevious: i === 0 ? 1 : ratio(count, tally[i - 1]?.count ?? 0),
      conversionFromFirst: ratio(count, first),
      dropOff: count - (tally[i + 1]?.count ?? count),
      medianSecondsToConvert: med === null ? null : seconds(med),
      avgSecondsToConvert: waits.length ? seconds(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
    };
  });
}
