import { activeAgainQuery, lastActiveQuery } from './inactivity.kind';
import { adoptionQuery } from './never-adopted.kind';
import { actionsByDayQuery, activeUsersByDayQuery, dayFingerprintsQuery } from '../daily-usage';
import { featureUsageQuery } from './feature-abandonment.kind';
import { featureUsedSinceQuery } from './feature-use.query';
import { stepTimesQuery } from './funnel-stall.kind';

const P = '0190f000-0000-7000-8000-000000000001';
const WINDOW = { firstDay: 20_000, lastDay: 20_030 };

/** Each rule kind's SQL for a fixed input, kept for review: a change to a query shows in the diff. */
describe('rule kind queries', () => {
  it.each([
    ['last active, accounts', lastActiveQuery(P, 'account', WINDOW)],
    ['last active, users, key events', lastActiveQuery(P, 'user', WINDOW, ['Report Exported'])],
    ['active again, accounts', activeAgainQuery(P, 'account', ['acme'], 20_010, 20_030)],
    ['active again, users', activeAgainQuery(P, 'user', ['u1'], 20_010, 20_030)],
    ['daily usage, active users, some accounts', activeUsersByDayQuery(P, WINDOW, ['acme'])],
    ['day fingerprints', dayFingerprintsQuery(P, WINDOW)],
    ['actions by day, with their fingerprints', actionsByDayQuery(P, WINDOW)],
    ['feature usage', featureUsageQuery(P, 'user', 'export', WINDOW)],
    ['adoption', adoptionQuery(P, 'account', 'export', WINDOW)],
    ['feature used since', featureUsedSinceQuery(P, 'user', 'export', ['u1', 'u2'], 20_010)],
    [
      'latest step',
      stepTimesQuery(P, 'user', { event: 'Invite Sent', where: { role: 'admin' } }, 1_728_000_000_000),
    ],
    [
      'latest step, received since the last evaluation',
      stepTimesQuery(P, 'account', { event: 'Invite Sent' }, 1_728_000_000_000, 1_728_086_400_000),
    ],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds every value as a parameter', () => {
    const query = stepTimesQuery(P, 'account', { event: "x' OR 1=1 --" }, 0);

    expect(query.query).not.toContain("x' OR 1=1");
    expect(Object.values(query.params)).toEqual(expect.arrayContaining(["x' OR 1=1 --"]));
  });
});
