/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { AccountDetail } from '@bindery/contracts';
import { AccountFacts } from './AccountFacts';
import { renderSignedIn } from '../../testing/render';

const CSMS = {
  csms: [
    {
      email: 'maya@vendor.example',
      name: 'Maya',
      alerts: 'digest',
      listed: true,
      member: true,
      liveTasks: 2,
    },
    {
      email: 'omar@vendor.example',
      name: null,
      alerts: 'immediate',
      listed: false,
      member: false,
      liveTasks: 1,
    },
  ],
};

const account = (csm: string): AccountDetail => ({
  id: 'acct-007',
  traits: { name: 'Acme', csm_email: csm },
  users: 3,
  activeUsers7d: 1,
  activeUsers30d: 2,
  lastSeenAt: null,
  weeklyEvents: [],
  health: null,
  daily: [],
  features: [],
  members: [],
});

describe('the account’s CSM', () => {
  it('names the member its csm_email trait matches, in any case', async () => {
    renderSignedIn(<AccountFacts account={account('Maya@Vendor.Example')} />, {
      api: { 'GET csms': { body: CSMS } },
    });

    const link = await screen.findByRole('link', { name: 'Maya' });
    expect(link.getAttribute('href')).toBe('mailto:Maya@Vendor.Example');
    expect(screen.queryByText('unmatched')).toBeNull();
  });

  it('marks an address no member has as unmatched', async () => {
    renderSignedIn(<AccountFacts account={account('omar@vendor.example')} />, {
      api: { 'GET csms': { body: CSMS } },
    });

    expect(await screen.findByText('unmatched')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'omar@vendor.example' })).toBeTruthy();
  });
});
