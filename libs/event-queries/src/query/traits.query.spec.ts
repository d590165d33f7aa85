import { traitsBySubject, traitsQuery } from './traits.query';

const P = '0190f000-0000-7000-8000-000000000001';

/** The SQL of the subjects' current traits for a fixed input, kept for review. */
describe('traitsQuery', () => {
  it.each([
    ['users', traitsQuery(P, 'user', ['u1', 'u2'])],
    ['accounts', traitsQuery(P, 'account', ['acme'])],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the subjects as a parameter', () => {
    expect(traitsQuery(P, 'user', ["x' OR 1=1 --"]).query).not.toContain("x' OR 1=1");
  });

  it('reads the rows as each subject’s traits, JSON values parsed and text kept', () => {
    const traits = traitsBySubject([
      { subject_id: 'u1', key: 'plan', value: '"pro"' },
      { subject_id: 'u1', key: 'seats', value: '12' },
      { subject_id: 'u2', key: 'note', value: 'not json' },
    ]);

    expect(Object.fromEntries(traits)).toEqual({ u1: { plan: 'pro', seats: 12 }, u2: { note: 'not json' } });
  });
});
