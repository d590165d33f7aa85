import { activeDaysQuery, eventsPerDayQuery } from './activity.query';

const P = '0190f000-0000-7000-8000-000000000001';
const DAYS = { first: 20_000, last: 20_030 };

/** The SQL of the activity report for a fixed input, kept for review. */
describe('activity queries', () => {
  it.each([
    ['active days, project', activeDaysQuery(P, DAYS, 'UTC')],
    ['active days, one account', activeDaysQuery(P, DAYS, 'UTC', 'acme')],
    ['active days, days of a time zone', activeDaysQuery(P, DAYS, 'America/New_York')],
    ['events per day, project', eventsPerDayQuery(P, DAYS, 'UTC')],
    ['events per day, one account', eventsPerDayQuery(P, DAYS, 'UTC', 'acme')],
    ['events per day, days of a time zone', eventsPerDayQuery(P, DAYS, 'America/New_York')],
  ])('%s', (_name, query) => {
    expect(query).toMatchSnapshot();
  });

  it('binds the account as a parameter', () => {
    const evil = "x' OR 1=1 --";

    expect(activeDaysQuery(P, DAYS, 'UTC', evil).query).not.toContain(evil);
    expect(eventsPerDayQuery(P, DAYS, 'UTC', evil).query).not.toContain(evil);
  });

  it('binds the time zone as a parameter', () => {
    const zone = 'Europe/Berlin';

    expect(activeDaysQuery(P, DAYS, zone).query).not.toContain(zone);
    expect(activeDaysQuery(P, DAYS, zone).params).toMatchObject({ tz: zone });
    expect(eventsPerDayQuery(P, DAYS, zone).query).not.toContain(zone);
  });
});
