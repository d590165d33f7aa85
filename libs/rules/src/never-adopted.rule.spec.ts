import { type NeverAdoptedParams } from '@bindery/contracts';
import { type Adoption, evaluateNeverAdopted } from './never-adopted.rule';

/** The day number of 2024-05-<n>. */
const may = (n: number) => 19_843 + n;

const P: NeverAdoptedParams = { feature: 'reports', days: 7 };
const ana: Adoption = { subject: { userId: 'ana', accountId: 'acme' }, firstSeenDay: may(10), used: false };

const signal = {
  subject: { userId: 'ana', accountId: 'acme' },
  periodKey: 'once',
  details: { feature: 'reports', firstSeenDay: '2024-05-10', days: 7 },
};

describe('evaluateNeverAdopted', () => {
  it('does not fire before `days` full days have passed since the subject was first seen', () => {
    expect(evaluateNeverAdopted(P, may(10), [ana])).toEqual([]);
    expect(evaluateNeverAdopted(P, may(17), [ana])).toEqual([]);
  });

  it('fires on the first day after `days` full days without a use', () => {
    expect(evaluateNeverAdopted(P, may(18), [ana])).toEqual([signal]);
  });

  it('fires with the same period key on every later day, so a subject is signalled once', () => {
    expect(evaluateNeverAdopted(P, may(19), [ana])).toEqual([signal]);
    expect(evaluateNeverAdopted(P, may(100), [ana])).toEqual([signal]);
  });

  it('does not fire for a subject that used the feature', () => {
    expect(evaluateNeverAdopted(P, may(18), [{ ...ana, used: true }])).toEqual([]);
  });

  it('keeps the order of the subjects and leaves out those that do not qualify', () => {
    const subjects: Adoption[] = [
      { subject: { userId: 'b' }, firstSeenDay: may(1), used: false },
      { subject: { userId: 'new' }, firstSeenDay: may(15), used: false },
      { subject: { userId: 'user' }, firstSeenDay: may(1), used: true },
      { subject: { accountId: 'a' }, firstSeenDay: may(2), used: false },
    ];
    expect(evaluateNeverAdopted(P, may(18), subjects).map((d) => d.subject)).toEqual([
      { userId: 'b' },
      { accountId: 'a' },
    ]);
  });
});
