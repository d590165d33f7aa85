import { featureAbandonersQuery } from './abandoners.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAYS = { first: 20_000, last: 20_030 };

/** The SQL of a feature's abandoners for a fixed input, kept for review. */
describe('feature abandoners query', () => {
  it.each([
    [
      'users',
      featureAbandonersQuery(P, { feature: 'export', aggregateBy: 'user', abandonDays: 14 }, DAYS, 10, 'UTC'),
    ],
    [
      'accounts',
      featureAbandonersQuery(
        P,
        { feature: 'export', aggregateBy: 'account', abandonDays: 7 },
        DAYS,
        10,
        'UTC',
      ),
    ],
    [
      'users, in a time zone',
      featureAbandonersQuery(
        P,
        { feature: 'export', aggregateBy: 'user', abandonDays: 14 },
        DAYS,
        10,
        'Europe/Berlin',
      ),
    ],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the feature as a parameter', () => {
    const evil = "x' OR 1=1 --";

    expect(
      featureAbandonersQuery(P, { feature: evil, aggregateBy: 'user', abandonDays: 14 }, DAYS, 10, 'UTC')
        .query,
    ).not.toContain(evil);
  });
});
