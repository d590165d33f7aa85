import { type AccountSummary, type FunnelResult } from '@bindery/contracts';
import { accountsCsv, ACCOUNT_CSV_HEADER, featuresCsv, funnelCsv, retentionCsv } from './report-csv';

const step = (event: string, count: number, dropOff: number) => ({
  event,
  count,
  conversionFromFirst: count / 100,
  conversionFromPrevious: 0.5,
  dropOff,
  medianSecondsToConvert: null,
  avgSecondsToConvert: 60,
});

describe('report CSV', () => {
  it('writes a funnel’s steps, then each breakdown value’s', () => {
    const result: FunnelResult = {
      steps: [step('Signed Up', 100, 40), step('Invite, Sent', 60, 60)],
      breakdowns: [{ value: null, steps: [step('Signed Up', 10, 10), step('Invite, Sent', 0, 0)] }],
    };
    const query = {
      steps: [{ event: 'Signed Up' }, { event: 'Invite, Sent' }],
      windowSeconds: 3600,
      order: 'ordered' as const,
      aggregateBy: 'user' as const,
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      breakdown: { property: 'plan', limit: 5 },
    };
    expect([...funnelCsv(query, result)].join('')).toBe(
      'segment,step,event,count,conversion_from_first,conversion_from_previous,drop_off,' +
        'median_seconds_to_convert,avg_seconds_to_convert\r\n' +
        'all,1,Signed Up,100,1,0.5,40,,60\r\n' +
        'all,2,"Invite, Sent",60,0.6,0.5,60,,60\r\n' +
        'plan=(none),1,Signed Up,10,0.1,0.5,10,,60\r\n' +
        'plan=(none),2,"Invite, Sent",0,0,0.5,0,,60\r\n',
    );
  });

  it('writes features with their display names, and retention with blanks still to come', () => {
    expect(
      [
        ...featuresCsv({
          activeSubjects: 4,
          features: [
            {
              feature: 'export',
              name: 'Export',
              subjects: 2,
              shareOfActive: 0.5,
              firstUsedAt: '2026-01-02T03:04:05.000Z',
              repeatRate: 1,
              abandoned: 0,
            },
          ],
        }),
      ].join(''),
    ).toBe(
      'feature,name,subjects,share_of_active,first_used_at,repeat_rate,abandoned\r\n' +
        'export,Export,2,0.5,2026-01-02T03:04:05.000Z,1,0\r\n',
    );
    expect(
      [
        ...retentionCsv({
          period: 'week',
          cohorts: [
            { start: '2026-01-05', size: 10, returned: [4, null], ended: 1 },
            { start: '2026-01-12', size: 3, returned: [null, null], ended: 0 },
          ],
          curve: [
            { period: 0, subjects: 13, returned: 13, rate: 1 },
            { period: 1, subjects: 10, returned: 4, rate: 0.4 },
            { period: 2, subjects: 0, returned: 0, rate: null },
          ],
        }),
      ].join(''),
    ).toBe('cohort_start,size,periods_ended,week_1,week_2\r\n2026-01-05,10,1,4,\r\n2026-01-12,3,0,,\r\n');
  });

  it('writes an account’s traits as JSON and defuses a formula in its name', () => {
    const account: AccountSummary = {
      id: 'acme',
      traits: { name: '=cmd()', mrr: 900 },
      users: 3,
      activeUsers7d: 2,
      activeUsers30d: 3,
      lastSeenAt: '2026-01-02T00:00:00.000Z',
      weeklyEvents: [0, 1, 2, 3, 4, 5, 6, 7],
      health: { day: '2026-01-02', score: 41, abc: 'A', components: {} },
    };
    expect(ACCOUNT_CSV_HEADER + accountsCsv([account])).toBe(
      'id,name,users,active_users_7d,active_users_30d,last_seen_at,health_score,abc,weekly_events,traits\r\n' +
        `acme,'=cmd(),3,2,3,2026-01-02T00:00:00.000Z,41,A,0 1 2 3 4 5 6 7,"{""name"":""=cmd()"",""mrr"":900}"\r\n`,
    );
  });
});
