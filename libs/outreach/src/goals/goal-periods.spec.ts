import { MAX_CATCH_UP, periodAfter, periodOf, periodsDue } from './goal-periods';

const at = (iso: string) => Date.parse(iso);
const iso = (p: { start: number; end: number }) => [
  new Date(p.start).toISOString(),
  new Date(p.end).toISOString(),
];

describe('goal periods', () => {
  it('weeks run Monday to Monday, UTC, a Monday midnight starting its own week', () => {
    expect(iso(periodOf(at('2026-12-06T23:59:59.999Z'), 'weekly'))).toEqual([
      '2026-11-30T00:00:00.000Z',
      '2026-12-07T00:00:00.000Z',
    ]);
    expect(iso(periodOf(at('2026-12-07T00:00:00.000Z'), 'weekly'))[0]).toBe('2026-12-07T00:00:00.000Z');
    expect(iso(periodOf(at('1970-01-01T12:00:00Z'), 'weekly'))[0]).toBe('1969-12-29T00:00:00.000Z');
  });

  it('months are UTC calendar months, across a year end', () => {
    expect(iso(periodOf(at('2026-12-31T23:59:59.999Z'), 'monthly'))).toEqual([
      '2026-12-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
    ]);
    expect(iso(periodAfter(periodOf(at('2027-01-15T00:00:00Z'), 'monthly'), 'monthly', -2))).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });

  it('a new goal gets the last ended period as its baseline, then each period as it ends', () => {
    const created = at('2026-12-02T10:00:00Z');
    expect(periodsDue(created, created, 'weekly', undefined).map(iso)).toEqual([
      ['2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ]);
    const last = at('2026-11-23T00:00:00Z');
    expect(periodsDue(created, at('2026-12-06T23:00:00Z'), 'weekly', last)).toEqual([]);
    expect(periodsDue(created, at('2026-12-07T00:00:00Z'), 'weekly', last).map(iso)).toEqual([
      ['2026-11-30T00:00:00.000Z', '2026-12-07T00:00:00.000Z'],
    ]);
    expect(
      periodsDue(created, at('2027-02-03T00:00:00Z'), 'monthly', undefined).map((p) => iso(p)[0]),
    ).toEqual(['2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });

  it('catches up every period missed while nothing ran, up to the newest two years of weeks', () => {
    const created = at('2020-01-08T00:00:00Z');
    const due = periodsDue(created, at('2026-12-06T00:00:00Z'), 'weekly', undefined);
    expect(due).toHaveLength(MAX_CATCH_UP);
    expect(iso(due[due.length - 1]!)[0]).toBe('2026-11-23T00:00:00.000Z');
    for (let i = 1; i < due.length; i++) expect(due[i]!.start).toBe(due[i - 1]!.end);
  });
});
