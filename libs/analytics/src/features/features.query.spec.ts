import { type FeatureQuery } from '@bindery/contracts';
import { activeSubjectsQuery, featureUsageQuery } from './features.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAYS = { first: 20_000, last: 20_030 };
const Q: FeatureQuery = {
  from: '2024-10-04T00:00:00Z',
  to: '2024-11-04T00:00:00Z',
  aggregateBy: 'user',
  abandonDays: 14,
  weekly: false,
};

/** The SQL of the feature report for a fixed input, kept for review. */
describe('features queries', () => {
  it.each([
    ['usage, users, every feature but some', featureUsageQuery(P, Q, DAYS, { except: ['Signed Up'] }, 'UTC')],
    [
      'usage, users, days of a time zone',
      featureUsageQuery(P, Q, DAYS, { except: ['Signed Up'] }, 'America/New_York'),
    ],
    [
      'usage, accounts, the project’s features, weekly',
      featureUsageQuery(
        P,
        { ...Q, aggregateBy: 'account', weekly: true },
        DAYS,
        {
          only: ['export', 'share'],
        },
        'UTC',
      ),
    ],
    ['active subjects, users', activeSubjectsQuery(P, Q, DAYS, 'UTC')],
    ['active subjects, accounts', activeSubjectsQuery(P, { ...Q, aggregateBy: 'account' }, DAYS, 'UTC')],
    ['active subjects, days of a time zone', activeSubjectsQuery(P, Q, DAYS, 'America/New_York')],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the features as a parameter', () => {
    const evil = "x' OR 1=1 --";

    expect(featureUsageQuery(P, Q, DAYS, { only: [evil] }, 'UTC').query).not.toContain(evil);
  });
});
