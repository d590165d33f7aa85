import { type FunnelOrder } from '@bindery/contracts';

/** A subject's sorted sequence: milliseconds since `from` and the steps each action matches (bit i: step i+1). */
export interface Sequence {
  ts: number[];
  masks: number[];
}

export interface FunnelShape {
  steps: number;
  order: FunnelOrder;
  windowMs: number;
  /** `to` in milliseconds since `from`: step 1 must come before it. */
  toMs: number;
}

/** How far a subject got, and when it did each step of its best path (`times[i]`: step i+1). */
export interface Path {
  reach: number;
  times: number[];
}

const has = (mask: number, step: number) => (mask & (1 << step)) !== 0;

/**
 * Ordered: for each step, the latest start of a path that has reached it. A later start dominates (it can be
 * extended by anything an earlier one can), so this finds the furthest reach in one pass; the best path is
 * then walked from its start, taking the first action that matches each next step.
 */
function ordered(seq: Sequence, f: FunnelShape): Path {
  const starts = new Array<number>(f.steps).fill(-1);
  seq.ts.forEach((t, j) => {
    const m = seq.masks[j];
    for (let i = f.steps - 1; i >= 1; i--) {
      const from = starts[i - 1];
      if (has(m, i) && from >= 0 && t - from <= f.windowMs && from > starts[i]) starts[i] = from;
    }
    if (has(m, 0) && t < f.toMs && t > starts[0]) starts[0] = t;
  });
  const reach = starts.filter((s) => s >= 0).length;
  if (reach === 0) return { reach, times: [] };
  const times = [starts[reach - 1]];
  let p = seq.ts.findIndex((t, j) => t === times[0] && has(seq.masks[j], 0));
  for (let i = 1; i < reach; i++) {
    p = seq.masks.findIndex((m, j) => j > p && has(m, i));
    times.push(seq.ts[p]);
  }
  return { reach, times };
}

/** Strict: paths run over neighbouring actions; each action ends at most one path per step. */
function strict(seq: Sequence, f: FunnelShape): Path {
  let ends = new Array<number>(f.steps).fill(-1);
  let best = { reach: 0, start: -1, end: -1 };
  seq.ts.forEach((t, j) => {
    const m = seq.masks[j];
    ends = ends.map((_, i) =>
      i === 0
        ? has(m, 0) && t < f.toMs
          ? t
          : -1
        : has(m, i) && ends[i - 1] >= 0 && t - ends[i - 1] <= f.windowMs
          ? ends[i - 1]
          : -1,
    );
    const level = ends.reduce((top, s, i) => (s >= 0 ? i + 1 : top), 0);
    const start = level ? ends[level - 1] : -1;
    if (level > best.reach || (level === best.reach && start > best.start))
      best = { reach: level, start, end: j };
  });
  return {
    reach: best.reach,
    times: Array.from({ length: best.reach }, (_, i) => seq.ts[best.end - best.reach + 1 + i]),
  };
}

/** Unordered: every distinct start time of a step action before `to` opens a window; the furthest wins. */
function unordered(seq: Sequence, f: FunnelShape): Path {
  let best: Path & { start: number } = { reach: 0, start: -1, times: [] };
  let previous = -1;
  seq.ts.forEach((a, first) => {
    if (a === previous || seq.masks[first] === 0 || a >= f.toMs) return;
    previous = a;
    const seen = new Array<number>(f.steps).fill(-1);
    for (let j = first; j < seq.ts.length && seq.ts[j] - a <= f.windowMs; j++) {
      for (let i = 0; i < f.steps; i++) if (seen[i] < 0 && has(seq.masks[j], i)) seen[i] = seq.ts[j];
    }
    let reach = 0;
    while (reach < f.steps && seen[reach] >= 0) reach++;
    if (reach > 0 && reach >= best.reach) {
      const times = seen.slice(0, reach).map((_, k) => Math.max(...seen.slice(0, k + 1)));
      best = { reach, start: a, times };
    }
  });
  return { reach: best.reach, times: best.times };
}

/** The furthest step a subject reached and its best path, as docs/analytics.md defines them. */
export function funnelPath(seq: Sequence, f: FunnelShape): Path {
  if (f.order === 'strict') return strict(seq, f);
  return f.order === 'unordered' ? unordered(seq, f) : ordered(seq, f);
}
