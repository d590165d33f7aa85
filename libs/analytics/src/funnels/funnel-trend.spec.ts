import { funnelTrend } from './funnel-trend';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MON = Date.UTC(2026, 10, 30);

describe('funnelTrend', () => {
  // Two subjects of a two-step funnel: one entered Monday and converted, one entered Wednesday and has not.
  const parts = [{ steps: 2, reach: Uint8Array.of(2, 1), times: Float64Array.of(0, 2 * HOUR, 2 * DAY, 0) }];
  const range = { from: MON, to: MON + 3 * DAY + 12 * HOUR };
  const trend = (now: number) =>
    funnelTrend(parts, range, 'day', 'UTC', { windowMs: DAY, now }).map((p) => [p.start, p.complete]);

  it('counts each subject in the day of its step 1', () => {
    expect(
      funnelTrend(parts, range, 'day', 'UTC', { windowMs: DAY, now: range.to }).map((p) => [
        p.entered,
        p.converted,
      ]),
    ).toEqual([
      [1, 1],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
  });

  it('calls a period complete once the window of an entrant at its end (or at `to`) has ended', () => {
    // Thursday, the range's last day, ends at `to` (noon): its last entrant can convert until Friday noon.
    expect(trend(MON + 3 * DAY + 12 * HOUR)).toEqual([
      ['2026-11-30', true],
      ['2026-12-01', true],
      ['2026-12-02', false],
      ['2026-12-03', false],
    ]);
    expect(trend(MON + 4 * DAY)).toEqual([
      ['2026-11-30', true],
      ['2026-12-01', true],
      ['2026-12-02', true],
      ['2026-12-03', false],
    ]);
    expect(trend(MON + 4 * DAY + 12 * HOUR).every(([, complete]) => complete)).toBe(true);
  });
});
