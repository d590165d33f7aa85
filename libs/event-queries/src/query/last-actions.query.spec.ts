import { lastActionsQuery } from './last-actions.query';

const P = '0190f000-0000-7000-8000-000000000001';

/** The SQL of the subjects' last actions (a funnel's drop-offs) for a fixed input, kept for review. */
describe('lastActionsQuery', () => {
  it.each([
    ['users', lastActionsQuery(P, 'user', ['u1', 'u2'])],
    ['accounts', lastActionsQuery(P, 'account', ['acme'])],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the subjects as a parameter', () => {
    expect(lastActionsQuery(P, 'user', ["x' OR 1=1 --"]).query).not.toContain("x' OR 1=1");
  });
});
