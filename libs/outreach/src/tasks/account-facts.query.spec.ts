import { accountFactsQuery, accountKnownQuery, accountsNamedQuery } from './account-facts.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const EVIL = "x' OR 1=1 --";

describe('account facts queries', () => {
  it.each([
    ['facts (name, mrr) of accounts', accountFactsQuery(PROJECT, ['acct-001', 'acct-002'])],
    ['accounts whose name holds a text', accountsNamedQuery(PROJECT, 'pine', 1000)],
    ['whether an account is known', accountKnownQuery(PROJECT, 'acct-001')],
  ])('generates the reviewed SQL: %s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds every input value, never splices it into the SQL', () => {
    for (const q of [
      accountFactsQuery(PROJECT, [EVIL]),
      accountsNamedQuery(PROJECT, EVIL, 10),
      accountKnownQuery(PROJECT, EVIL),
    ]) {
      expect(q.query).not.toContain(EVIL);
      expect(q.query).not.toContain(PROJECT);
      expect(JSON.stringify(q.params)).toContain(JSON.stringify(EVIL).slice(1, -1));
    }
  });
});
