import { type FunnelShape, funnelPath, type Sequence } from './funnel-paths';

const shape = (over: Partial<FunnelShape> = {}): FunnelShape => ({
  steps: 3,
  order: 'ordered',
  windowMs: 100,
  toMs: 1_000,
  ...over,
});
/** A sequence from [time, steps matched] pairs (steps 1-based). */
const seq = (...actions: [number, number[]][]): Sequence => ({
  ts: actions.map(([t]) => t),
  masks: actions.map(([, steps]) => steps.reduce((m, s) => m | (1 << (s - 1)), 0)),
});

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
});
