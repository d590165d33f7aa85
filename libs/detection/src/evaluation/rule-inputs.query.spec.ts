import { accountsOfUsersQuery, activeSinceQuery } from './rule-inputs.query';

const P = '0190f000-0000-7000-8000-000000000001';

/** The SQL of what every rule evaluation reads, for a fixed input, kept for review. */
describe('rule input queries', () => {
  it.each([
    ['accounts of users', accountsOfUsersQuery(P, ['u1', 'u2'])],
    ['active since', activeSinceQuery(P, 1_728_000_000_000)],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the users as a parameter', () => {
    expect(accountsOfUsersQuery(P, ["x' OR 1=1 --"]).query).not.toContain("x' OR 1=1");
  });
});
