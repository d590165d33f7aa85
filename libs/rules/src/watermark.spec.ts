import { evaluateInactivity } from './inactivity.rule';
import { sinceWatermark } from './watermark';

describe('sinceWatermark', () => {
  const window = { firstDay: 100, lastDay: 150 };

  it('keeps the whole window for a rule version never evaluated', () => {
    expect(sinceWatermark(window, undefined, 7)).toEqual(window);
  });

  it('starts at the watermark day less the deadline, and never before the window', () => {
    expect(sinceWatermark(window, 140, 7)).toEqual({ firstDay: 132, lastDay: 150 });
    expect(sinceWatermark(window, 101, 7)).toEqual(window);
  });

  it('loses no subject that crossed its deadline since the last evaluation', () => {
    const params = { days: 7, lookbackDays: 30 };
    // Evaluated on day 140; on day 141 the subject last active on day 133 crosses (141 − 133 > 7).
    const narrowed = sinceWatermark({ firstDay: 141 - 37, lastDay: 141 }, 140, 7);
    const crossedToday = { subject: { userId: 'u' }, lastActiveDay: 133 };
    const crossedYesterday = { subject: { userId: 'v' }, lastActiveDay: 132 };

    expect(narrowed.firstDay).toBeLessThanOrEqual(133);
    expect(evaluateInactivity(params, 141, [crossedToday]).map((d) => d.subject)).toEqual([{ userId: 'u' }]);
    expect(evaluateInactivity(params, 140, [crossedYesterday]).map((d) => d.subject)).toEqual([
      { userId: 'v' },
    ]);
  });
});
