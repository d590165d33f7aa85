import { type FunnelOrder } from '@bindery/contracts';

/**
 * Subjects' sorted sequences laid end to end (from a row of funnelSequencesQuery): subject s has `lengths[s]`
 * actions; `times` are the actions' milliseconds after `from`, `masks` the steps each matches (bit i: step
 * i+1).
 */
export interface Sequences {
  lengths: ArrayLike<number>;
  times: Float64Array;
  masks: ArrayLike<number>;
}

export interface FunnelShape {
  steps: number;
  order: FunnelOrder;
  windowMs: number;
  /** `to` in milliseconds since `from`: step 1 must come before it. */
  toMs: number;
}

/**
 * How far each subject got, and when it did each step of its best path: subject s reached step `reach[s]`,
 * and did step i+1 at `times[s * steps + i]` (ms since `from`).
 */
export interface Paths {
  steps: number;
  reach: Uint8Array;
  times: Float64Array;
}

/** One subject's walk: the actions [begin, end) of `ts` and `masks`; writes its path's times at `out`. */
type Walk = (
  ts: Float64Array,
  masks: ArrayLike<number>,
  begin: number,
  end: number,
  f: FunnelShape,
  times: Float64Array,
  out: number,
) => number;

const has = (mask: number, step: number) => (mask & (1 << step)) !== 0;
/** Held here, not looked up on `Math` in the walk's loop (a global read there costs, most in a vm context). */
const clz32 = Math.clz32;

// The walks below read their arrays only at indices inside them: loops are bounded by a subject's actions
// [begin, end) or by the steps, and the arrays were sized for both. `!` marks those reads, which run for every
// action of a report and stay free of checks.

/**
 * Ordered: for each step, the latest start of a path that has reached it. A later start dominates (it can be
 * extended by anything an earlier one can), so this finds the furthest reach in one pass; the best path is
 * then walked from its start, taking the first action that matches each next step.
 */
function ordered(steps: number): Walk {
  const starts = new Float64Array(steps);
  return (ts, masks, begin, end, f, times, out) => {
    starts.fill(-1);
    for (let j = begin; j < end; j++) {
      const t = ts[j]!;
      const m = masks[j]!;
      // The steps the action matches beyond the first, from the last down (most match one).
      for (let later = m & ~1; later !== 0;) {
        const i = 31 - clz32(later);
        later ^= 1 << i;
        const from = starts[i - 1]!;
        if (from >= 0 && t - from <= f.windowMs && from > starts[i]!) starts[i] = from;
      }
      if (has(m, 0) && t < f.toMs && t > starts[0]!) starts[0] = t;
    }
    let reach = 0;
    while (reach < f.steps && starts[reach]! >= 0) reach++;
    if (reach === 0) return 0;
    let p = begin;
    while (ts[p] !== starts[reach - 1] || !has(masks[p]!, 0)) p++;
    times[out] = ts[p]!;
    for (let i = 1; i < reach; i++) {
      do p++;
      while (!has(masks[p]!, i));
      times[out + i] = ts[p]!;
    }
    return reach;
  };
}

/** Strict: paths run over neighbouring actions; each action ends at most one path per step. */
function strict(steps: number): Walk {
  const ends = new Float64Array(steps);
  return (ts, masks, begin, end, f, times, out) => {
    ends.fill(-1);
    let best = 0;
    let bestStart = -1;
    let bestEnd = -1;
    for (let j = begin; j < end; j++) {
      const t = ts[j]!;
      const m = masks[j]!;
      let level = 0;
      for (let i = f.steps - 1; i >= 1; i--) {
        const from = ends[i - 1]!;
        ends[i] = has(m, i) && from >= 0 && t - from <= f.windowMs ? from : -1;
        if (level === 0 && ends[i]! >= 0) level = i + 1;
      }
      ends[0] = has(m, 0) && t < f.toMs ? t : -1;
      if (level === 0 && ends[0]! >= 0) level = 1;
      const start = level ? ends[level - 1]! : -1;
      if (level > best || (level === best && start > bestStart)) {
        best = level;
        bestStart = start;
        bestEnd = j;
      }
    }
    for (let i = 0; i < best; i++) times[out + i] = ts[bestEnd - best + 1 + i]!;
    return best;
  };
}

/**
 * Unordered: every distinct start time of a step action before `to` opens a window; the furthest wins. Each
 * step keeps a cursor on its first action at or after the window's start, which only moves forward as the
 * start does: the walk is linear in the actions (a scan of the window per start is quadratic, and one subject
 * with thousands of actions in a long window held the event loop for seconds).
 */
function unordered(steps: number): Walk {
  const seen = new Float64Array(steps);
  const next = new Int32Array(steps);
  return (ts, masks, begin, end, f, times, out) => {
    let best = 0;
    let previous = -1;
    next.fill(begin);
    for (let first = begin; first < end; first++) {
      const a = ts[first]!;
      if (a === previous || masks[first] === 0 || a >= f.toMs) continue;
      previous = a;
      // Actions before `first` at the same time match no step (else the window would have opened there).
      // Comparisons rather than Math.max: a global looked up in this loop made the walk twice as slow (and ten
      // times as slow in a vm context, as under jest).
      for (let i = 0; i < f.steps; i++) {
        let j = next[i]! > first ? next[i]! : first;
        while (j < end && !has(masks[j]!, i)) j++;
        next[i] = j;
        seen[i] = j < end && ts[j]! - a <= f.windowMs ? ts[j]! : -1;
      }
      let reach = 0;
      while (reach < f.steps && seen[reach]! >= 0) reach++;
      if (reach > 0 && reach >= best) {
        best = reach;
        let latest = -1;
        for (let k = 0; k < reach; k++) times[out + k] = latest = latest > seen[k]! ? latest : seen[k]!;
      }
    }
    return best;
  };
}

/** A walk reads the clock after this many subjects: reading it costs more than walking a short sequence. */
export const CLOCK_EVERY = 64;

/**
 * Walks subjects' sequences, as many at a time as the caller allows: {@link funnelPaths} walks them all at
 * once, a report walks them in slices of a few milliseconds and lets other requests run between slices.
 */
export class PathWalker {
  readonly paths: Paths;
  private readonly walk: Walk;
  private subject = 0;
  private begin = 0;

  constructor(
    private readonly seqs: Sequences,
    private readonly f: FunnelShape,
  ) {
    this.walk = (f.order === 'strict' ? strict : f.order === 'unordered' ? unordered : ordered)(f.steps);
    const subjects = seqs.lengths.length;
    this.paths = {
      steps: f.steps,
      reach: new Uint8Array(subjects),
      times: new Float64Array(subjects * f.steps),
    };
  }

  /** Walks subjects until all are done (true) or the clock passes `deadline` (false, call again). */
  walkUntil(deadline: number): boolean {
    const { seqs, f, paths } = this;
    const subjects = seqs.lengths.length;
    while (this.subject < subjects) {
      const s = this.subject;
      const begin = this.begin;
      const end = begin + seqs.lengths[s]!;
      paths.reach[s] = this.walk(seqs.times, seqs.masks, begin, end, f, paths.times, s * f.steps);
      this.begin = end;
      this.subject++;
      if (this.subject % CLOCK_EVERY === 0 && Date.now() > deadline) break;
    }
    return this.subject >= subjects;
  }
}

/** Each subject's furthest step and best path, as docs/analytics.md defines them. */
export function funnelPaths(seqs: Sequences, f: FunnelShape): Paths {
  const walker = new PathWalker(seqs, f);
  walker.walkUntil(Infinity);
  return walker.paths;
}
