import { dailySource, zonedDay, zonedDayStart, zonedDaysOf, zoneParams } from './zoned-days';

const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

describe('days of a time zone', () => {
  it('finds the local day of an instant and the instant a local day starts, across a change of the clocks', () => {
    expect(zonedDay(Date.parse('2026-03-08T04:59:59.999Z'), 'America/New_York')).toBe(day('2026-03-07'));
    expect(zonedDay(Date.parse('2026-03-08T05:00:00Z'), 'America/New_York')).toBe(day('2026-03-08'));
    expect(new Date(zonedDayStart(day('2026-03-08'), 'America/New_York')).toISOString()).toBe(
      '2026-03-08T05:00:00.000Z',
    );
    expect(new Date(zonedDayStart(day('2026-03-09'), 'America/New_York')).toISOString()).toBe(
      '2026-03-09T04:00:00.000Z',
    );
    expect(new Date(zonedDayStart(day('2026-01-10'), 'Asia/Kolkata')).toISOString()).toBe(
      '2026-01-09T18:30:00.000Z',
    );
    expect(zonedDay(Date.parse('1969-12-31T23:00:00Z'), 'UTC')).toBe(-1);
  });

  it('starts a day whose midnight the clocks skip when they land', () => {
    // Santiago moved from −04 to −03 at 00:00 on 7 September 2025: the day began at 01:00 local, 04:00 UTC.
    expect(new Date(zonedDayStart(day('2025-09-07'), 'America/Santiago')).toISOString()).toBe(
      '2025-09-07T04:00:00.000Z',
    );
  });

  it('covers a range by the local days of its ends', () => {
    const range = { from: Date.parse('2026-03-02T05:00:00Z'), to: Date.parse('2026-03-09T04:00:00Z') };
    expect(zonedDaysOf(range, 'America/New_York')).toEqual({
      first: day('2026-03-02'),
      last: day('2026-03-08'),
    });
    expect(zonedDaysOf(range, 'UTC')).toEqual({ first: day('2026-03-02'), last: day('2026-03-09') });
  });

  it('reads the rollups in UTC and the events, by a bound zone, elsewhere', () => {
    expect(dailySource('activity_daily', 'UTC')).toBe('activity_daily');
    expect(zoneParams('UTC')).toEqual({});
    expect(dailySource('feature_daily', 'Europe/Berlin')).toContain('toDate(timestamp, {tz:String})');
    expect(dailySource('feature_daily', 'Europe/Berlin')).not.toContain('Berlin');
    expect(zoneParams('Europe/Berlin')).toEqual({ tz: 'Europe/Berlin' });
  });
});
