import { type PersonFacts, resolveTargeting, samplePoint, surveyToShow } from './survey-targeting';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const person = (facts: Partial<PersonFacts> = {}): PersonFacts => ({
  userId: 'user-1',
  lastShownAt: undefined,
  accountTraits: {},
  featureUses: new Map(),
  ...facts,
});
const survey = (id: string, targeting: Parameters<typeof resolveTargeting>[0] = {}) => ({
  id,
  targeting: resolveTargeting(targeting),
});
const A = '0190f5a4-8c1e-7b2a-9d3f-000000000001';
const B = '0190f5a4-8c1e-7b2a-9d3f-000000000002';

describe('survey targeting', () => {
  it('fills in the defaults: every account, 90 days between surveys, everyone sampled, no rule', () => {
    expect(resolveTargeting(undefined)).toEqual({
      accountTraits: {},
      minDaysSinceLastSurvey: 90,
      samplePct: 100,
      featureUsed: null,
    });
  });

  it('shows the oldest targeted survey, one at most', () => {
    expect(surveyToShow([survey(A), survey(B)], person(), NOW)?.id).toBe(A);
    expect(surveyToShow([survey(A, { accountTraits: { plan: 'pro' } }), survey(B)], person(), NOW)?.id).toBe(
      B,
    );
  });

  it('waits the interval since the person’s last survey, to the millisecond', () => {
    const s = [survey(A, { minDaysSinceLastSurvey: 30 })];
    expect(
      surveyToShow(s, person({ lastShownAt: new Date(NOW.getTime() - 30 * DAY + 1) }), NOW),
    ).toBeUndefined();
    expect(surveyToShow(s, person({ lastShownAt: new Date(NOW.getTime() - 30 * DAY) }), NOW)?.id).toBe(A);
    expect(
      surveyToShow([survey(A)], person({ lastShownAt: new Date(NOW.getTime() - 89 * DAY) }), NOW),
    ).toBeUndefined();
  });

  it('asks only people whose account has every named trait, with the same value and type', () => {
    const s = [survey(A, { accountTraits: { plan: 'pro', seats: 10 } })];
    expect(surveyToShow(s, person({ accountTraits: { plan: 'pro', seats: 10, x: 1 } }), NOW)?.id).toBe(A);
    expect(surveyToShow(s, person({ accountTraits: { plan: 'pro', seats: '10' } }), NOW)).toBeUndefined();
    expect(surveyToShow(s, person({ accountTraits: { plan: 'pro' } }), NOW)).toBeUndefined();
  });

  it('asks only people who used the feature at least minUses times', () => {
    const s = [survey(A, { featureUsed: { feature: 'Report Exported', minUses: 3 } })];
    expect(surveyToShow(s, person({ featureUses: new Map([['Report Exported', 2]]) }), NOW)).toBeUndefined();
    expect(surveyToShow(s, person({ featureUses: new Map([['Report Exported', 3]]) }), NOW)?.id).toBe(A);
  });

  it('samples a stable share of people', () => {
    const users = Array.from({ length: 4000 }, (_, i) => `user-${i}`);
    const asked = users.filter((u) =>
      surveyToShow([survey(A, { samplePct: 25 })], person({ userId: u }), NOW),
    );
    expect(asked.length / users.length).toBeGreaterThan(0.22);
    expect(asked.length / users.length).toBeLessThan(0.28);
    for (const u of asked.slice(0, 50)) expect(samplePoint(A, u)).toBe(samplePoint(A, u));
    expect(surveyToShow([survey(A, { samplePct: 0 })], person(), NOW)).toBeUndefined();
  });
});
