import { ruleLabel, signalSummary } from './signal-summary';

describe('signalSummary', () => {
  it('says what each rule found in one line', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'inactivity',
        { daysQuiet: 12, lastActiveDay: '2026-11-10' },
        'No activity for 12 days (last on 2026-11-10)',
      ],
      [
        'usage_decline',
        { metric: 'active_users', pctOfBaseline: 42.5 },
        'Active users at 42.5% of the usual level',
      ],
      ['usage_decline', { metric: 'events', pctOfBaseline: 30 }, 'Usage at 30% of the usual level'],
      [
        'funnel_stall',
        { stepEvent: 'Project Created', hoursStalled: 47 },
        'Stuck after “Project Created” for 47 hours',
      ],
      [
        'funnel_stall',
        { stepEvent: 'Project Created', hoursStalled: 297 },
        'Stuck after “Project Created” for 12 days',
      ],
      ['feature_abandonment', { feature: 'alerts', idleDays: 27 }, 'Stopped using alerts 27 days ago'],
      ['never_adopted', { feature: 'export', days: 14 }, 'Has not tried export in 14 days'],
      ['health_drop', { score: 41, peak: 88 }, 'Health 41, down from 88'],
    ];
    for (const [ruleType, details, text] of cases) expect(signalSummary({ ruleType, details })).toBe(text);
  });

  it('marks a missing detail instead of printing "undefined", and names an unknown rule', () => {
    expect(signalSummary({ ruleType: 'inactivity', details: {} })).toBe('No activity for ? days (last on ?)');
    expect(signalSummary({ ruleType: 'seat_drop', details: {} })).toBe('Seat drop');
    expect(ruleLabel('funnel_stall')).toBe('Funnel stall');
  });
});
