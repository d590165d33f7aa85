import { accountActivityFactsQuery, accountFactsQuery } from './account-facts.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAY = 20_030;

/** The SQL that ranks the accounts list and sums up the overview, for a fixed input, kept for review. */
describe('account facts queries', () => {
  it.each([
    ['traits and last action of every account', accountFactsQuery(P, DAY)],
    ['activity of every account', accountActivityFactsQuery(P, DAY)],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });
});
