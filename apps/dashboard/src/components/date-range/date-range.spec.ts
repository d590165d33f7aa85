import {
  apiRangeOf,
  choiceFromParams,
  choiceToParams,
  dateIn,
  intervalOf,
  isDate,
  previousOf,
  startOfDate,
} from './date-range';

describe('date ranges', () => {
  it('covers the last days, this month and last month from the zone’s today', () => {
    expect(intervalOf({ kind: 'last', days: 7 }, '2026-03-03')).toEqual({
      first: '2026-02-25',
      last: '2026-03-03',
    });
    expect(intervalOf({ kind: 'this-month' }, '2026-03-03')).toEqual({
      first: '2026-03-01',
      last: '2026-03-03',
    });
    expect(intervalOf({ kind: 'last-month' }, '2026-03-03')).toEqual({
      first: '2026-02-01',
      last: '2026-02-28',
    });
    expect(intervalOf({ kind: 'last-month' }, '2026-01-15')).toEqual({
      first: '2025-12-01',
      last: '2025-12-31',
    });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousOf({ first: '2026-03-01', last: '2026-03-31' })).toEqual({
      first: '2026-01-29',
      last: '2026-02-28',
    });
    expect(previousOf({ first: '2026-03-05', last: '2026-03-05' })).toEqual({
      first: '2026-03-04',
      last: '2026-03-04',
    });
  });

  it('turns local days into the API’s instants, across a change of the clocks', () => {
    expect(apiRangeOf({ first: '2026-03-07', last: '2026-03-08' }, 'America/New_York')).toEqual({
      from: '2026-03-07T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    expect(apiRangeOf({ first: '2026-03-07', last: '2026-03-07' }, 'UTC')).toEqual({
      from: '2026-03-07T00:00:00.000Z',
      to: '2026-03-08T00:00:00.000Z',
    });
    expect(new Date(startOfDate('2026-01-10', 'Asia/Kolkata')).toISOString()).toBe(
      '2026-01-09T18:30:00.000Z',
    );
    // Santiago skips midnight when it moves its clocks forward: the day starts at 01:00.
    expect(dateIn(startOfDate('2025-09-07', 'America/Santiago'), 'America/Santiago')).toBe('2025-09-07');
    expect(dateIn(startOfDate('2025-09-07', 'America/Santiago') - 1, 'America/Santiago')).toBe('2025-09-06');
  });

  it('reads a choice from the URL and writes it back, the default leaving the URL bare', () => {
    const read = (query: string) => choiceFromParams(new URLSearchParams(query), 30);
    expect(read('days=60')).toEqual({ kind: 'last', days: 60 });
    expect(read('days=61')).toEqual({ kind: 'last', days: 30 });
    expect(read('range=last-month')).toEqual({ kind: 'last-month' });
    expect(read('from=2026-02-01&to=2026-02-10')).toEqual({
      kind: 'custom',
      from: '2026-02-01',
      to: '2026-02-10',
    });
    expect(read('from=2026-02-10&to=2026-02-01')).toEqual({ kind: 'last', days: 30 });
    expect(read('from=2026-02-30&to=2026-03-01')).toEqual({ kind: 'last', days: 30 });
    expect(read('from=2024-01-01&to=2026-01-01')).toEqual({ kind: 'last', days: 30 });

    expect(choiceToParams({ kind: 'last', days: 30 }, 30)).toEqual({
      days: null,
      range: null,
      from: null,
      to: null,
    });
    expect(choiceToParams({ kind: 'custom', from: '2026-02-01', to: '2026-02-10' }, 30)).toEqual({
      days: null,
      range: null,
      from: '2026-02-01',
      to: '2026-02-10',
    });
    expect(isDate('2026-13-01')).toBe(false);
  });
});
