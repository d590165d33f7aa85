import { describeRisk, describeSignal, nameTrait } from './task-wording';

const quiet = { daysQuiet: 12, lastActiveDay: '2026-03-01', days: 7 };

describe('task wording', () => {
  it('names the account by its name trait, the id when it has none', () => {
    expect(
      describeSignal(
        'inactivity',
        'Quiet',
        { userId: null, accountId: 'acct-007', accountName: 'Pine Vale' },
        quiet,
      ).title,
    ).toBe('Pine Vale has been inactive for 12 days');
    expect(describeSignal('inactivity', 'Quiet', { userId: null, accountId: 'acct-007' }, quiet).title).toBe(
      'Account acct-007 has been inactive for 12 days',
    );
    expect(
      describeSignal('inactivity', 'Quiet', { userId: null, accountId: 'acct-007', accountName: '  ' }, quiet)
        .title,
    ).toBe('Account acct-007 has been inactive for 12 days');
  });

  it('names a user with their account’s name', () => {
    const d = { feature: 'export', firstSeenDay: '2026-03-01', days: 14 };
    expect(
      describeSignal(
        'never_adopted',
        'Try export',
        { userId: 'u-1', accountId: 'a', accountName: 'Pine Vale' },
        d,
      ),
    ).toEqual({
      title: 'User u-1 (Pine Vale) has not tried export',
      body: 'User u-1 (Pine Vale) started on 2026-03-01 and has not used export in the 14 days since. Rule “Try export”.',
    });
  });

  it('names a user by their name too, when they have one', () => {
    const d = { feature: 'export', firstSeenDay: '2026-03-01', days: 14 };
    const titled = (subject: Parameters<typeof describeSignal>[2]) =>
      describeSignal('never_adopted', 'Try export', subject, d).title;
    expect(titled({ userId: 'u-1', userName: 'Ann Lee', accountId: 'a', accountName: 'Pine Vale' })).toBe(
      'User u-1 (Ann Lee, Pine Vale) has not tried export',
    );
    expect(titled({ userId: 'u-1', userName: 'Ann Lee', accountId: null })).toBe(
      'User u-1 (Ann Lee) has not tried export',
    );
    expect(titled({ userId: 'u-1', userName: ' ', accountId: 'a' })).toBe(
      'User u-1 (a) has not tried export',
    );
  });

  it('says how long a user has been stuck in days past two of them, and when to the minute', () => {
    const stalled = (hoursStalled: number) =>
      describeSignal(
        'funnel_stall',
        'Stalled',
        { userId: 'u-1', accountId: null },
        {
          step: 2,
          stepEvent: 'Project Created',
          nextStep: 3,
          nextStepEvent: 'Invite Sent',
          reachedStepAt: '2026-11-25T09:12:33.000Z',
          hoursStalled,
        },
      ).body;
    expect(stalled(297)).toBe(
      'User u-1 reached step 2 (“Project Created”) at 2026-11-25 09:12 UTC and has not done step 3 (“Invite Sent”) in 12 days. Rule “Stalled”.',
    );
    expect(stalled(47)).toContain('in 47 hours.');
  });

  it('reads the name trait only when it is text', () => {
    expect(nameTrait({ name: ' Pine Vale ' })).toBe('Pine Vale');
    expect(nameTrait({ name: 42 })).toBeNull();
    expect(nameTrait({})).toBeNull();
  });
});

describe('describeRisk', () => {
  const driver = (label: string, points: number) => ({
    kind: 'usage_decline' as const,
    label,
    points,
    evidence: {},
  });

  it('names the costliest drivers with their points, most costly first as given', () => {
    const risk = {
      scoreThen: 81,
      scoreNow: 52,
      days: 14,
      drivers: [
        driver('Ana Lima stopped using the product', -14),
        driver('export use fell by half', -9),
        driver('2 signals opened', -4),
        driver('reports use fell', -1),
        driver('a new person joined', 2),
      ],
    };
    expect(describeRisk(risk)).toBe(
      'Why health fell from 81 to 52 in 14 days: Ana Lima stopped using the product (-14 points); ' +
        'export use fell by half (-9 points); 2 signals opened (-4 points).',
    );
  });

  it('says nothing when the score did not fall', () => {
    expect(describeRisk({ scoreThen: 60, scoreNow: 60, days: 14, drivers: [] })).toBeNull();
    expect(describeRisk({ scoreThen: 50, scoreNow: 70, days: 14, drivers: [driver('x', 20)] })).toBeNull();
  });
});
