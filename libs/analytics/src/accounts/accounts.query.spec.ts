import {
  accountDailyQuery,
  accountFeaturesQuery,
  accountIdsQuery,
  accountMembersQuery,
  accountSummariesQuery,
} from './accounts.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAY = 20_030;

/** The SQL of the accounts list and account page for a fixed input, kept for review. */
describe('accounts queries', () => {
  it.each([
    ['ids, first page', accountIdsQuery(P, 50, undefined)],
    ['ids, after a cursor', accountIdsQuery(P, 50, 'acme')],
    ['summaries', accountSummariesQuery(P, ['acme', 'globex'], DAY)],
    ['daily', accountDailyQuery(P, 'acme', DAY)],
    ['members', accountMembersQuery(P, 'acme', DAY)],
    ['features', accountFeaturesQuery(P, 'acme', DAY)],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the account and the cursor as parameters', () => {
    const evil = "x' OR 1=1 --";

    expect(accountIdsQuery(P, 50, evil).query).not.toContain(evil);
    expect(accountDailyQuery(P, evil, DAY).query).not.toContain(evil);
    expect(accountMembersQuery(P, evil, DAY).query).not.toContain(evil);
    expect(accountFeaturesQuery(P, evil, DAY).query).not.toContain(evil);
  });
});
