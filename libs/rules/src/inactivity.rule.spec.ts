import { type InactivityParams } from '@bindery/contracts';
import { evaluateInactivity, inactivityWindow, type LastActive } from './inactivity.rule';

/** The day number of 2024-05-<n> (n may run past the month or below 1). */
const may = (n: number) => 19_843 + n;

const P: InactivityParams = { days: 7, lookbackDays: 30 };
const ana: LastActive = { subject: { userId: 'ana', accountId: 'acme' }, lastActiveDay: may(10) };

describe('inactivityWindow', () => {
  it('reads the lookback, the quiet spell and today', () => {
    expect(inactivityWindow(P, may(31))).toEqual({ firstDay: may(31) - 37, lastDay: may(31) });
  });
});

describe('evaluateInactivity', () => {
  it('does not fire before `days` full days have passed without an action', () => {
    expect(evaluateInactivity(P, may(17), [ana])).toEqual([]);
  });

  it('fires on the first day after `days` full quiet days', () => {
    expect(evaluateInactivity(P, may(18), [ana])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'quiet-since:2024-05-10',
        details: { lastActiveDay: '2024-05-10', daysQuiet: 7, days: 7 },
      },
    ]);
  });

  it('does not fire for a subject active today or later', () => {
    expect(evaluateInactivity(P, may(10), [ana])).toEqual([]);
    expect(evaluateInactivity(P, may(9), [ana])).toEqual([]);
  });

  it('keeps the period key for as long as the same quiet spell lasts', () => {
    expect(evaluateInactivity(P, may(25), [ana])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'quiet-since:2024-05-10',
        details: { lastActiveDay: '2024-05-10', daysQuiet: 14, days: 7 },
      },
    ]);
  });

  it('gives a subject that comes back and goes quiet again a new period key', () => {
    const back: LastActive = { ...ana, lastActiveDay: may(20) };
    expect(evaluateInactivity(P, may(27), [back])).toEqual([]);
    expect(evaluateInactivity(P, may(28), [back])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'quiet-since:2024-05-20',
        details: { lastActiveDay: '2024-05-20', daysQuiet: 7, days: 7 },
      },
    ]);
  });

  it('fires for a subject last active on the first day of the lookback, not the day before', () => {
    // today 2024-05-31: quiet spell 05-24..05-30, lookback 04-24..05-23 (30 days).
    const first: LastActive = { subject: { accountId: 'first' }, lastActiveDay: may(-6) };
    const before: LastActive = { subject: { accountId: 'before' }, lastActiveDay: may(-7) };
    expect(evaluateInactivity(P, may(31), [first, before])).toEqual([
      {
        subject: { accountId: 'first' },
        periodKey: 'quiet-since:2024-04-24',
        details: { lastActiveDay: '2024-04-24', daysQuiet: 36, days: 7 },
      },
    ]);
  });

  it('fires for a subject last active on the last day of the lookback, not on the first day of the spell', () => {
    const last: LastActive = { subject: { accountId: 'last' }, lastActiveDay: may(23) };
    const inSpell: LastActive = { subject: { accountId: 'in-spell' }, lastActiveDay: may(24) };
    expect(evaluateInactivity(P, may(31), [last, inSpell])).toEqual([
      {
        subject: { accountId: 'last' },
        periodKey: 'quiet-since:2024-05-23',
        details: { lastActiveDay: '2024-05-23', daysQuiet: 7, days: 7 },
      },
    ]);
  });

  it('fires with days=1 on the second day after the last action', () => {
    const p: InactivityParams = { days: 1, lookbackDays: 1 };
    expect(evaluateInactivity(p, may(11), [ana])).toEqual([]);
    expect(evaluateInactivity(p, may(12), [ana])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'quiet-since:2024-05-10',
        details: { lastActiveDay: '2024-05-10', daysQuiet: 1, days: 1 },
      },
    ]);
    expect(evaluateInactivity(p, may(13), [ana])).toEqual([]);
  });

  it('keeps the order of the subjects and leaves out the active ones', () => {
    const subjects: LastActive[] = [
      { subject: { userId: 'c' }, lastActiveDay: may(1) },
      { subject: { userId: 'b' }, lastActiveDay: may(15) },
      { subject: { userId: 'a' }, lastActiveDay: may(2) },
    ];
    expect(evaluateInactivity(P, may(18), subjects).map((d) => d.subject)).toEqual([
      { userId: 'c' },
      { userId: 'a' },
    ]);
  });

  it('finds nothing among no subjects', () => {
    expect(evaluateInactivity(P, may(18), [])).toEqual([]);
  });
});
