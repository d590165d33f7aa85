import { activityChangesQuery, eventsPerDayQuery } from './activity.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAYS = { first: 20_000, last: 20_030 };

/** The SQL of the activity report for a fixed input, kept for review. */
describe('activity queries', () => {
  it.each([
    ['changes, project', activityChangesQuery(P, DAYS)],
    ['changes, one account', activityChangesQuery(P, DAYS, 'acme')],
    ['events per day, project', eventsPerDayQuery(P, DAYS)],
    ['events per day, one account', eventsPerDayQuery(P, DAYS, 'acme')],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the account as a parameter', () => {
    const evil = "x' OR 1=1 --";

    expect(activityChangesQuery(P, DAYS, evil).query).not.toContain(evil);
    expect(eventsPerDayQuery(P, DAYS, evil).query).not.toContain(evil);
  });
});
