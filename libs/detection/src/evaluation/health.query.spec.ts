import {
  accountFeatureRunsQuery,
  accountSentimentByDayQuery,
  accountUsersByDayQuery,
  featureUsersByDayQuery,
  mrrQuery,
} from './health.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAY = { firstDay: 20_030, lastDay: 20_030 };
const TWO_DAYS = { firstDay: 20_029, lastDay: 20_030 };
const BACKFILL = { firstDay: 19_941, lastDay: 20_030 };

/** Health's SQL for a fixed input, kept for review: a change to a query shows in the diff. */
describe('health queries', () => {
  it.each([
    ['account users, one day', accountUsersByDayQuery(P, DAY)],
    ['account users, two days', accountUsersByDayQuery(P, TWO_DAYS)],
    ['account users, 90 days', accountUsersByDayQuery(P, BACKFILL)],
    ['feature users, one day', featureUsersByDayQuery(P, DAY)],
    ['feature users, two days', featureUsersByDayQuery(P, TWO_DAYS)],
    ['feature users, 90 days', featureUsersByDayQuery(P, BACKFILL)],
    ['account feature runs', accountFeatureRunsQuery(P, BACKFILL, ['export', 'reports'])],
    ['account sentiment, 90 days', accountSentimentByDayQuery(P, BACKFILL)],
    ['mrr', mrrQuery(P)],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('computes at most 90 days at once', () => {
    expect(() => accountUsersByDayQuery(P, { firstDay: 19_940, lastDay: 20_030 })).toThrow(/91 days/);
    expect(() => featureUsersByDayQuery(P, { firstDay: 20_031, lastDay: 20_030 })).toThrow(/0 days/);
  });

  it('binds every value as a parameter', () => {
    const query = accountFeatureRunsQuery(P, BACKFILL, ["x' OR 1=1 --"]);
    expect(query.query).not.toContain("x' OR 1=1");
    expect(query.params).toEqual({ projectId: P, ...BACKFILL, features: ["x' OR 1=1 --"] });
  });
});
