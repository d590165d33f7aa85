/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccountRisk } from '@bindery/contracts';
import { apiError, renderSignedIn } from '../../testing/render';
import { WhyAtRisk } from './WhyAtRisk';
import { changeSentence, labelParts, signedPoints } from './risk-drivers';

const RISK: AccountRisk = {
  accountId: 'acme',
  scoreNow: 62,
  scoreThen: 76,
  days: 14,
  change: -14,
  drivers: [
    {
      kind: 'key_users_gone_quiet',
      label: 'Ann Lee (ann@acme.com), your most active user, has not been active for 12 days',
      points: -9,
      evidence: { userId: 'ann', daysInactive: 12 },
    },
    {
      kind: 'usage_decline',
      label: '`export` use fell from 40 to 18 a week',
      points: -6,
      evidence: { feature: 'export', weeklyThen: 40, weeklyNow: 18 },
    },
    { kind: 'open_signals', label: 'Gone quiet: resolved on 2026-11-30', points: 1, evidence: {} },
  ],
};

describe('WhyAtRisk', () => {
  beforeEach(() => sessionStorage.clear());

  it('says how the score moved and lists the drivers, most costly first, with their points', async () => {
    const { calls } = renderSignedIn(<WhyAtRisk accountId="acme" />, {
      api: { 'GET accounts/acme/risk': { body: RISK } },
    });
    expect(screen.getByRole('status').textContent).toBe('Loading why the health changed…');
    await screen.findByText('Health 62, down 14 points from 76 14 days ago.');
    const drivers = within(screen.getByRole('list', { name: /Drivers of the change/ })).getAllByRole(
      'listitem',
    );
    expect(drivers.map((li) => li.textContent)).toEqual([
      '−9Ann Lee (ann@acme.com), your most active user, has not been active for 12 daysKey users gone quiet',
      '−6export use fell from 40 to 18 a weekUsage decline',
      '+1Gone quiet: resolved on 2026-11-30Open signals',
    ]);
    expect(within(drivers[1]!).getByText('export').tagName).toBe('CODE');
    expect(calls.find((c) => c.path === 'accounts/acme/risk')?.query).toEqual({ days: '14' });
  });

  it('asks again for another span', async () => {
    const { calls } = renderSignedIn(<WhyAtRisk accountId="acme" />, {
      api: { 'GET accounts/acme/risk': (call) => ({ body: { ...RISK, days: Number(call.query.days) } }) },
    });
    await screen.findByText(/from 76 14 days ago/);
    await userEvent.selectOptions(screen.getByLabelText('Since'), '30');
    await screen.findByText(/from 76 30 days ago/);
    expect(calls.filter((c) => c.path === 'accounts/acme/risk').map((c) => c.query.days)).toEqual([
      '14',
      '30',
    ]);
  });

  it('says which score is which when the stored one differs from the score now', async () => {
    const scored = { day: '2026-12-07', score: 70, abc: 'A' as const, components: {} };
    const { unmount } = renderSignedIn(<WhyAtRisk accountId="acme" scored={scored} />, {
      api: { 'GET accounts/acme/risk': { body: RISK } },
    });
    await screen.findByText('Health 62, down 14 points from 76 14 days ago.');
    expect(
      screen.getByText(
        'The rules worker scored 70 on 7 Dec 2026; 62 counts the events and signals as they are now, which its ' +
          'next run stores.',
      ),
    ).toBeTruthy();
    unmount();
    renderSignedIn(<WhyAtRisk accountId="acme" scored={{ ...scored, score: 62 }} />, {
      api: { 'GET accounts/acme/risk': { body: RISK } },
    });
    await screen.findByText('Health 62, down 14 points from 76 14 days ago.');
    expect(screen.queryByText(/The rules worker scored/)).toBeNull();
  });

  it('says when nothing moved the score', async () => {
    renderSignedIn(<WhyAtRisk accountId="acme" />, {
      api: {
        'GET accounts/acme/risk': { body: { ...RISK, scoreNow: 80, scoreThen: 80, change: 0, drivers: [] } },
      },
    });
    await screen.findByText('Health 80, the same as 14 days ago.');
    expect(screen.getByText('Nothing moved the score in this time.')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    renderSignedIn(<WhyAtRisk accountId="acme" />, {
      api: { 'GET accounts/acme/risk': apiError(504, 'timeout', 'The query took too long') },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The query took too long');
    await waitFor(() => expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy());
  });
});

describe('risk driver text', () => {
  it('signs points with a true minus and phrases the change', () => {
    expect([-3, 0, 2].map(signedPoints)).toEqual(['−3', '0', '+2']);
    expect(changeSentence({ ...RISK, scoreNow: 77, change: 1, days: 1 })).toBe(
      'Health 77, up 1 point from 76 a day ago.',
    );
  });

  it('marks backquoted feature names as code', () => {
    expect(labelParts('`export` use fell from 40 to 18 a week')).toEqual([
      { text: 'export', code: true },
      { text: ' use fell from 40 to 18 a week', code: false },
    ]);
  });
});
