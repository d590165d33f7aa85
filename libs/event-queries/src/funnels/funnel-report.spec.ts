import { type Paths } from './funnel-paths';
import { funnelSteps } from './funnel-report';

const STEPS = ['a', 'b', 'c'].map((event) => ({ event }));

/** A seeded generator, so that a failure repeats. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The median by sorting, as a reference. */
function sortedMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) / 2;
  return (sorted[Math.floor(mid)]! + sorted[Math.ceil(mid)]!) / 2;
}

describe('funnelSteps', () => {
  it.each([1, 2, 7, 8, 1_000, 1_001])(
    'gives each step the median and mean wait of the subjects who reached it (%i subjects)',
    (subjects) => {
      const next = random(subjects);
      // Two parts, as the buckets of a report; half the waits from a few values, so that many are equal.
      const parts: Paths[] = [0, 1].map(() => ({
        steps: 3,
        reach: new Uint8Array(subjects),
        times: new Float64Array(subjects * 3),
      }));
      const waits: number[][] = [[], [], []];
      for (const part of parts) {
        for (let s = 0; s < subjects; s++) {
          const reach = Math.floor(next() * 4);
          part.reach[s] = reach;
          let t = Math.floor(next() * 1_000);
          for (let i = 0; i < reach; i++) {
            const wait =
              i === 0 ? 0 : next() < 0.5 ? Math.floor(next() * 5) * 1_000 : Math.floor(next() * 5_000);
            t += wait;
            part.times[s * 3 + i] = t;
            if (i > 0) waits[i]!.push(wait);
          }
        }
      }

      const result = funnelSteps(STEPS, parts);

      expect(result.map((r) => r.count)).toEqual(
        [0, 1, 2].map((i) => parts.reduce((n, p) => n + p.reach.filter((r) => r > i).length, 0)),
      );
      expect(result.map((r) => r.medianSecondsToConvert)).toEqual(
        waits.map((w, i) => (i === 0 || w.length === 0 ? null : Math.round(sortedMedian(w)!) / 1_000)),
      );
      expect(result.map((r) => r.avgSecondsToConvert)).toEqual(
        waits.map((w, i) =>
          i === 0 || w.length === 0 ? null : Math.round(w.reduce((a, b) => a + b, 0) / w.length) / 1_000,
        ),
      );
    },
  );
});
