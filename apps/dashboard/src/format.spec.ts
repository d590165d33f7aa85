import {
  daysAgo,
  endOfToday,
  formatCompact,
  formatDate,
  formatDateTime,
  formatDuration,
  formatInt,
  formatMoney,
  formatPercent,
  formatRelative,
} from './format';

const NOW = Date.parse('2026-11-23T14:30:00.000Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('format', () => {
  it('shows numbers and money, a dash for none', () => {
    expect([formatInt(1234.6), formatInt(null), formatInt(undefined)]).toEqual(['1,235', '—', '—']);
    expect(formatCompact(53_652)).toBe('53.7K');
    expect([formatMoney(1500), formatMoney(null)]).toEqual(['$1,500', '—']);
  });

  it('shows a share as a percentage, with a decimal below 10%', () => {
    expect([0, 0.004, 0.0561, 0.1, 0.456, 1, 1.5].map(formatPercent)).toEqual([
      '0%',
      '0.4%',
      '5.6%',
      '10%',
      '46%',
      '100%',
      '150%',
    ]);
    expect([null, undefined, Number.NaN].map(formatPercent)).toEqual(['—', '—', '—']);
  });

  it('shows a duration in its two largest units', () => {
    expect([0, 45, 45.6, 60, 200, 3_600, 7_500, 86_400, 273_600, 90_061].map(formatDuration)).toEqual([
      '0s',
      '45s',
      '46s',
      '1m',
      '3m 20s',
      '1h',
      '2h 5m',
      '1d',
      '3d 4h',
      '1d 1h',
    ]);
    expect(formatDuration(null)).toBe('—');
  });

  it('shows days and times in UTC', () => {
    expect(formatDate('2026-11-23T23:59:00.000Z')).toBe('23 Nov 2026');
    expect(formatDate('2026-11-24T00:00:00.000Z')).toBe('24 Nov 2026');
    expect(formatDateTime('2026-11-23T14:10:11.380Z')).toBe('23 Nov, 14:10 UTC');
    expect([formatDate(null), formatDateTime('')]).toEqual(['—', '—']);
  });

  it('says how long ago, or how long until, in the largest whole unit', () => {
    expect(formatRelative(ago(0), NOW)).toBe('now');
    expect(formatRelative(ago(30), NOW)).toBe('30 seconds ago');
    expect(formatRelative(ago(5 * 60), NOW)).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3_600), NOW)).toBe('3 hours ago');
    expect(formatRelative(ago(86_400), NOW)).toBe('yesterday');
    expect(formatRelative(ago(12 * 86_400), NOW)).toBe('12 days ago');
    expect(formatRelative(ago(-2 * 3_600), NOW)).toBe('in 2 hours');
    expect(formatRelative(ago(-2 * 86_400), NOW)).toBe('in 2 days');
    expect([formatRelative(null, NOW), formatRelative(undefined, NOW)]).toEqual(['never', 'never']);
  });

  it('gives a report’s range as whole UTC days: from midnight days ago to the end of today', () => {
    expect(daysAgo(0, NOW)).toBe('2026-11-23T00:00:00.000Z');
    expect(daysAgo(29, NOW)).toBe('2026-10-25T00:00:00.000Z');
    expect(endOfToday(NOW)).toBe('2026-11-24T00:00:00.000Z');
    expect(endOfToday(Date.parse('2026-11-23T00:00:00.000Z'))).toBe('2026-11-24T00:00:00.000Z');
    expect(endOfToday(Date.parse('2026-12-31T23:59:59.999Z'))).toBe('2027-01-01T00:00:00.000Z');
  });
});
