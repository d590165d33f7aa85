import { type FeatureAbandonmentParams } from '@bindery/contracts';
import {
  evaluateFeatureAbandonment,
  featureAbandonmentWindow,
  type FeatureUsage,
} from './feature-abandonment.rule';

/** The day number of 2024-05-<n> (n may run past the month or below 1). */
const may = (n: number) => 19_843 + n;

const P: FeatureAbandonmentParams = { feature: 'reports', minUses: 3, idleDays: 14, lookbackDays: 60 };
const ana: FeatureUsage = {
  subject: { userId: 'ana', accountId: 'acme' },
  uses: 3,
  lastUseDay: may(10),
  lastActiveDay: may(20),
};

describe('featureAbandonmentWindow', () => {
  it('reads the lookbackDays days that end today', () => {
    expect(featureAbandonmentWindow(P, may(31))).toEqual({ firstDay: may(31) - 59, lastDay: may(31) });
  });
});

describe('evaluateFeatureAbandonment', () => {
  it('does not fire before idleDays full days have passed since the last use', () => {
    expect(evaluateFeatureAbandonment(P, may(24), [ana])).toEqual([]);
  });

  it('fires on the first day after idleDays full days without a use', () => {
    expect(evaluateFeatureAbandonment(P, may(25), [ana])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'last-use:2024-05-10',
        details: {
          feature: 'reports',
          uses: 3,
          lastUseDay: '2024-05-10',
          lastActiveDay: '2024-05-20',
          idleDays: 14,
        },
      },
    ]);
  });

  it('does not fire for a subject with fewer than minUses uses', () => {
    expect(evaluateFeatureAbandonment(P, may(25), [{ ...ana, uses: 2 }])).toEqual([]);
  });

  it('does not fire for a subject not active after its last use', () => {
    expect(evaluateFeatureAbandonment(P, may(25), [{ ...ana, lastActiveDay: may(10) }])).toEqual([]);
    expect(evaluateFeatureAbandonment(P, may(25), [{ ...ana, lastActiveDay: may(9) }])).toEqual([]);
  });

  it('fires for a subject active the day after its last use', () => {
    expect(evaluateFeatureAbandonment(P, may(25), [{ ...ana, lastActiveDay: may(11) }])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'last-use:2024-05-10',
        details: {
          feature: 'reports',
          uses: 3,
          lastUseDay: '2024-05-10',
          lastActiveDay: '2024-05-11',
          idleDays: 14,
        },
      },
    ]);
  });

  it('keeps the period key while the last use stays the same', () => {
    const later = evaluateFeatureAbandonment(P, may(40), [{ ...ana, lastActiveDay: may(39) }]);
    expect(later).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'last-use:2024-05-10',
        details: {
          feature: 'reports',
          uses: 3,
          lastUseDay: '2024-05-10',
          lastActiveDay: '2024-06-08',
          idleDays: 29,
        },
      },
    ]);
  });

  it('gives a new last use a new period key', () => {
    const again: FeatureUsage = { ...ana, uses: 5, lastUseDay: may(26), lastActiveDay: may(40) };
    expect(evaluateFeatureAbandonment(P, may(40), [again])).toEqual([]);
    expect(evaluateFeatureAbandonment(P, may(41), [again])).toEqual([
      {
        subject: { userId: 'ana', accountId: 'acme' },
        periodKey: 'last-use:2024-05-26',
        details: {
          feature: 'reports',
          uses: 5,
          lastUseDay: '2024-05-26',
          lastActiveDay: '2024-06-09',
          idleDays: 14,
        },
      },
    ]);
  });

  it('keeps the order of the subjects and leaves out those that do not qualify', () => {
    const subjects: FeatureUsage[] = [
      { subject: { userId: 'c' }, uses: 10, lastUseDay: may(1), lastActiveDay: may(2) },
      { subject: { userId: 'recent' }, uses: 10, lastUseDay: may(20), lastActiveDay: may(21) },
      { subject: { userId: 'a' }, uses: 3, lastUseDay: may(5), lastActiveDay: may(24) },
    ];
    expect(evaluateFeatureAbandonment(P, may(25), subjects).map((d) => d.subject)).toEqual([
      { userId: 'c' },
      { userId: 'a' },
    ]);
  });
});
