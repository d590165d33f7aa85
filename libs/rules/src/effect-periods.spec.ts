import { effectPeriods } from './effect-periods';

const at = (iso: string) => Date.parse(iso);
const iso = (periods: { from: number; to: number }[]) =>
  periods.map((p) => [new Date(p.from).toISOString(), new Date(p.to).toISOString()]);

describe('effectPeriods', () => {
  it('cuts a range at Mondays, clipping the first and last week to it', () => {
    // 2026-03-04 is a Wednesday.
    expect(iso(effectPeriods(at('2026-03-04T10:00:00Z'), at('2026-03-17T00:00:00Z'), 'week'))).toEqual([
      ['2026-03-04T10:00:00.000Z', '2026-03-09T00:00:00.000Z'],
      ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
      ['2026-03-16T00:00:00.000Z', '2026-03-17T00:00:00.000Z'],
    ]);
  });

  it('starts a new week on a Monday midnight exactly, and cuts months at the 1st', () => {
    expect(iso(effectPeriods(at('2026-03-09T00:00:00Z'), at('2026-03-23T00:00:00Z'), 'week'))).toEqual([
      ['2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z'],
      ['2026-03-16T00:00:00.000Z', '2026-03-23T00:00:00.000Z'],
    ]);
    expect(iso(effectPeriods(at('2026-01-20T00:00:00Z'), at('2026-03-02T00:00:00Z'), 'month'))).toEqual([
      ['2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
      ['2026-02-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['2026-03-01T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
    ]);
  });
});
