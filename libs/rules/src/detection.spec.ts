import { DAY_MS, dayNumber, isoDay, subjectKey } from './detection';

describe('subjectKey', () => {
  it('is the user key when the subject has a user, even with an account', () => {
    expect(subjectKey({ userId: 'u1' })).toBe('user:u1');
    expect(subjectKey({ userId: 'u1', accountId: 'a1' })).toBe('user:u1');
  });

  it('is the account key when the subject has only an account', () => {
    expect(subjectKey({ accountId: 'a1' })).toBe('account:a1');
  });

  it('keeps an empty user id a user key', () => {
    expect(subjectKey({ userId: '', accountId: 'a1' })).toBe('user:');
  });

  it('is an empty account key for a subject with neither', () => {
    expect(subjectKey({})).toBe('account:');
  });
});

describe('dayNumber', () => {
  it('is the number of whole UTC days since 1970-01-01', () => {
    expect(DAY_MS).toBe(86_400_000);
    expect(dayNumber(0)).toBe(0);
    expect(dayNumber(DAY_MS - 1)).toBe(0);
    expect(dayNumber(DAY_MS)).toBe(1);
    expect(dayNumber(Date.parse('2024-05-01T00:00:00.000Z'))).toBe(19_844);
    expect(dayNumber(Date.parse('2024-05-01T23:59:59.999Z'))).toBe(19_844);
    expect(dayNumber(Date.parse('2024-05-02T00:00:00.000Z'))).toBe(19_845);
  });

  it('counts the day in UTC, whatever the offset the time was written with', () => {
    expect(dayNumber(Date.parse('2024-05-01T23:30:00.000-02:00'))).toBe(19_845);
    expect(dayNumber(Date.parse('2024-05-02T01:00:00.000+02:00'))).toBe(19_844);
  });

  it('rounds times before 1970 down to a negative day', () => {
    expect(dayNumber(-1)).toBe(-1);
    expect(dayNumber(-DAY_MS)).toBe(-1);
    expect(dayNumber(-DAY_MS - 1)).toBe(-2);
  });
});

describe('isoDay', () => {
  it('writes a day number as its UTC date', () => {
    expect(isoDay(0)).toBe('1970-01-01');
    expect(isoDay(-1)).toBe('1969-12-31');
    expect(isoDay(19_782)).toBe('2024-02-29');
    expect(isoDay(19_844)).toBe('2024-05-01');
  });

  it('is the inverse of dayNumber for any time of the day', () => {
    expect(isoDay(dayNumber(Date.parse('2024-05-01T23:59:59.999Z')))).toBe('2024-05-01');
  });
});
