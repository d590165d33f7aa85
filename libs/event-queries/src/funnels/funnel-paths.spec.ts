import { CLOCK_EVERY, type FunnelShape, funnelPaths, PathWalker, type Sequences } from './funnel-paths';

const shape = (over: Partial<FunnelShape> = {}): FunnelShape => ({
  steps: 3,
  order: 'ordered',
  windowMs: 100,
  toMs: 1_000,
  ...over,
});
type Action = [time: number, steps: number[]];
/** Subjects' sequences laid end to end, each from [time, steps matched] pairs (steps 1-based). */
const subjects = (...sequences: Action[][]): Sequences => ({
  lengths: sequences.map((actions) => actions.length),
  times: Float64Array.from(sequences.flat().map(([t]) => t)),
  masks: sequences.flat().map(([, steps]) => steps.reduce((m, s) => m | (1 << (s - 1)), 0)),
});
const seq = (...actions: Action[]) => subjects(actions);
/** The path of each subject: how far it got, and its best path's times. */
const pathsOf = (seqs: Sequences, f: FunnelShape) => {
  const { reach, times } = funnelPaths(seqs, f);
  return Array.from(reach, (r, s) => ({
    reach: r,
    times: Array.from(times.subarray(s * f.steps, s * f.steps + r)),
  }));
};
const funnelPath = (s: Sequences, f: FunnelShape) => {
  const [path] = pathsOf(s, f);
  if (!path) throw new Error('the sequences hold no subject');
  return path;
};

describe('funnelPath', () => {
  it('takes the latest start that goes furthest, then the first action of each next step', () => {
    const s = seq([0, [1]], [50, [1]], [120, [2]], [130, [2]], [140, [3]]);

    expect(funnelPath(s, shape())).toEqual({ reach: 3, times: [50, 120, 140] });
  });

  it('counts a step at the same millisecond as the one before, and the window end itself', () => {
    expect(funnelPath(seq([10, [1]], [10, [2]], [110, [3]]), shape())).toEqual({
      reach: 3,
      times: [10, 10, 110],
    });
    expect(funnelPath(seq([10, [1]], [10, [2]], [111, [3]]), shape()).reach).toBe(2);
  });

  it('needs a distinct action for each step, even when one action matches several', () => {
    expect(funnelPath(seq([0, [1, 2]]), shape()).reach).toBe(1);
    expect(funnelPath(seq([0, [1, 2]], [5, [1, 2]]), shape())).toEqual({ reach: 2, times: [0, 5] });
  });

  it('starts only inside the range, but lets later steps fall after it', () => {
    expect(funnelPath(seq([1_000, [1]], [1_001, [2]]), shape()).reach).toBe(0);
    expect(funnelPath(seq([999, [1]], [1_050, [2]]), shape())).toEqual({ reach: 2, times: [999, 1_050] });
  });

  it('strict: an action between two steps breaks the path', () => {
    const s = seq([0, [1]], [5, []], [10, [2]], [20, [1]], [30, [2]], [40, [3]]);

    expect(funnelPath(s, shape({ order: 'strict' }))).toEqual({ reach: 3, times: [20, 30, 40] });
    expect(funnelPath(seq([0, [1]], [5, []], [10, [2]]), shape({ order: 'strict' })).reach).toBe(1);
  });

  it('unordered: any order inside a window, one action may satisfy two steps', () => {
    const s = seq([0, [3]], [10, [1, 2]]);

    expect(funnelPath(s, shape({ order: 'unordered' }))).toEqual({ reach: 3, times: [10, 10, 10] });
    expect(funnelPath(seq([0, [2]], [101, [1]]), shape({ order: 'unordered' }))).toEqual({
      reach: 1,
      times: [101],
    });
  });

  it('walks subjects laid end to end each on its own', () => {
    const a: Action[] = [
      [0, [1]],
      [50, [1]],
      [120, [2]],
      [130, [2]],
      [140, [3]],
    ];
    const b: Action[] = [
      [999, [1]],
      [1_050, [2]],
    ];
    const c: Action[] = [
      [0, [1]],
      [5, []],
      [10, [2]],
    ];

    for (const order of ['ordered', 'strict', 'unordered'] as const) {
      const f = shape({ order });
      expect(pathsOf(subjects(a, [], b, c), f)).toEqual([
        funnelPath(seq(...a), f),
        { reach: 0, times: [] },
        funnelPath(seq(...b), f),
        funnelPath(seq(...c), f),
      ]);
    }
  });

  /** The unordered walk as docs/analytics.md states it: a scan of each window, from each distinct start. */
  function unorderedByScan(actions: Action[], f: FunnelShape) {
    let best = { reach: 0, times: [] as number[] };
    let previous = -1;
    actions.forEach(([a, first], index) => {
      if (a === previous || first.length === 0 || a >= f.toMs) return;
      previous = a;
      const seen = Array.from({ length: f.steps }, (_, i) => {
        const hit = actions.slice(index).find(([t, m]) => t - a <= f.windowMs && m.includes(i + 1));
        return hit ? hit[0] : -1;
      });
      let reach = 0;
      while (reach < f.steps && (seen[reach] ?? -1) >= 0) reach++;
      if (reach > 0 && reach >= best.reach) {
        let latest = -1;
        best = { reach, times: seen.slice(0, reach).map((t) => (latest = Math.max(latest, t))) };
      }
    });
    return best;
  }

  it('unordered: the same paths as a scan of every window, on random sequences', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 300; round++) {
      const f = shape({ order: 'unordered', steps: 1 + random(4), windowMs: random(60), toMs: 100 });
      let time = 0;
      const actions: Action[] = Array.from({ length: random(25) }, () => {
        time += random(3) === 0 ? 0 : random(15);
        return [time, [1, 2, 3, 4].filter((step) => step <= f.steps && random(3) === 0)];
      });

      expect(funnelPath(seq(...actions), f)).toEqual(unorderedByScan(actions, f));
    }
  });

  it('walks in slices to the same paths as at once', () => {
    const seqs = subjects(
      ...Array.from({ length: 150 }, (_, s): Action[] => [
        [s, [1]],
        [s + 60, [2, 3]],
        [s + 90 + (s % 20), [3]],
      ]),
    );
    for (const order of ['ordered', 'strict', 'unordered'] as const) {
      const f = shape({ order });
      const walker = new PathWalker(seqs, f);
      let slices = 1;
      // A deadline already past: a slice ends at each look at the clock.
      while (!walker.walkUntil(0)) slices++;

      expect(slices).toBe(Math.ceil(150 / CLOCK_EVERY));
      expect(walker.paths).toEqual(funnelPaths(seqs, f));
    }
  });
});
