import { goalReachQuery } from './goal-reach.query';

const P = '0190f000-0000-7000-8000-000000000001';
const PAIRS = [
  { subject: 'u1', start: 1_728_000_000_000 },
  { subject: 'u2', start: 1_728_086_400_000 },
];
const WINDOW = 14 * 86_400_000;

/** The goal query's SQL for a fixed input, kept for review: a change to the query shows in the diff. */
describe('goal reach query', () => {
  it.each([
    ['any action, users', goalReachQuery(P, 'user', { kind: 'any' }, PAIRS, WINDOW)],
    [
      'a feature, accounts',
      goalReachQuery(P, 'account', { kind: 'feature', feature: 'export' }, PAIRS, WINDOW),
    ],
    [
      'an event with filters',
      goalReachQuery(
        P,
        'user',
        { kind: 'event', event: 'Plan Upgraded', where: { plan: 'pro' } },
        PAIRS,
        WINDOW,
      ),
    ],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });
});
