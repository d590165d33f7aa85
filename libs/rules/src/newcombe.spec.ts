import { newcombeInterval, wilsonInterval } from './newcombe';

const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

describe('newcombeInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10 (hybrid score, no continuity
  // correction): the published limits to four decimals.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
  ])('%i/%i − %i/%i gives the published interval', (x1, n1, x2, n2, low, high) => {
    const interval = newcombeInterval(x1, n1, x2, n2);
    expect([round4(interval.low), round4(interval.high)]).toEqual([low, high]);
  });

  it('is symmetric: swapping the groups negates the interval', () => {
    const a = newcombeInterval(30, 100, 10, 100);
    const b = newcombeInterval(10, 100, 30, 100);
    expect(b.low).toBeCloseTo(-a.high, 12);
    expect(b.high).toBeCloseTo(-a.low, 12);
  });
});

describe('wilsonInterval', () => {
  it('matches Wilson’s score interval for 81/263 (Newcombe 1998b: 0.2553 to 0.3662)', () => {
    const w = wilsonInterval(81, 263);
    expect([round4(w.low), round4(w.high)]).toEqual([0.2553, 0.3662]);
  });
});
