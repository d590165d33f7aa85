import {
  accountActionsQuery,
  accountAnswersQuery,
  accountFeatureDaysQuery,
  accountPeopleDaysQuery,
  featureUsersThenAndNowQuery,
} from './account-risk.query';

const W = {
  projectId: '0190f000-0000-7000-8000-000000000001',
  accountId: 'acme',
  thenDay: 20_016,
  today: 20_030,
};

/** The SQL of "why at risk" for a fixed input, kept for review: a change to a query shows in the diff. */
describe('account risk queries', () => {
  it.each([
    ['people days', accountPeopleDaysQuery(W)],
    ['actions', accountActionsQuery(W)],
    ['feature days', accountFeatureDaysQuery(W)],
    ['feature users then and now', featureUsersThenAndNowQuery(W)],
    ['survey answers', accountAnswersQuery(W)],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the account as a parameter', () => {
    const query = accountActionsQuery({ ...W, accountId: "x' OR 1=1 --" });
    expect(query.query).not.toContain("x' OR 1=1");
  });
});
