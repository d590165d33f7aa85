/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutboxEmail } from '@bindery/contracts';
import { type FetchCall, renderSignedIn, stubFetch, TEST_PROJECT } from './tasks/test-providers';
import { Emails } from './Emails';

const email = (n: number, over: Partial<OutboxEmail> = {}): OutboxEmail => ({
  id: `0190f000-0000-7000-8000-00000000020${n}`,
  kind: 'training',
  recipient: `user${n}@acct.example`,
  subject: 'Alerts that matter',
  status: 'sent',
  attempts: 1,
  lastError: null,
  skipReason: null,
  signalId: null,
  createdAt: '2026-11-23T14:10:11.380Z',
  sentAt: '2026-11-23T14:10:12.538Z',
  ...over,
});

const base = `/v1/projects/${TEST_PROJECT}/emails`;
const lists = (calls: FetchCall[]) => calls.filter((c) => c.method === 'GET' && c.url.pathname === base);

function api() {
  return stubFetch((c) => {
    if (c.method === 'POST' && c.url.pathname === `${base}/replay`) return { body: { replayed: 2 } };
    if (c.url.searchParams.get('cursor') === 'next') {
      return { body: { emails: [email(3)], nextCursor: null } };
    }
    return {
      body: {
        emails: [
          email(1),
          email(2, { status: 'failed', attempts: 3, lastError: '421 mailbox busy', sentAt: null }),
        ],
        nextCursor: 'next',
      },
    };
  });
}

describe('Emails', () => {
  it('lists the outbox with each email’s status, attempts and error, a page at a time', async () => {
    const calls = api();
    renderSignedIn(<Emails />);
    const failed = (await screen.findByText('user2@acct.example')).closest('tr') as HTMLElement;
    expect(within(failed).getByText('failed').className).toContain('danger');
    expect(within(failed).getByText('3')).toBeTruthy();
    expect(within(failed).getByText('421 mailbox busy')).toBeTruthy();
    expect(lists(calls)[0]?.url.searchParams.get('limit')).toBe('50');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('user3@acct.example');
    expect(screen.getByText('All 3 emails shown')).toBeTruthy();
  });

  it('filters by status at once and by recipient on search', async () => {
    const calls = api();
    renderSignedIn(<Emails />);
    await screen.findByText('user1@acct.example');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(lists(calls).at(-1)?.url.searchParams.get('status')).toBe('failed'));

    await userEvent.type(screen.getByLabelText('Recipient'), ' user2@acct.example ');
    expect(lists(calls).at(-1)?.url.searchParams.has('recipient')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(lists(calls).at(-1)?.url.searchParams.get('recipient')).toBe('user2@acct.example'),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(lists(calls).at(-1)?.url.searchParams.has('recipient')).toBe(false));
    expect(lists(calls).at(-1)?.url.searchParams.get('status')).toBe('failed');
  });

  it('replays the failed emails, says how many, and reloads the outbox', async () => {
    const calls = api();
    renderSignedIn(<Emails />);
    await screen.findByText('user1@acct.example');
    const before = lists(calls).length;
    await userEvent.click(screen.getByRole('button', { name: 'Replay failed emails' }));
    expect(await screen.findByText('2 failed emails are queued to be sent again.')).toBeTruthy();
    const replay = calls.find((c) => c.method === 'POST');
    expect(replay?.url.pathname).toBe(`${base}/replay`);
    expect(replay?.body).toBeUndefined();
    await waitFor(() => expect(lists(calls).length).toBeGreaterThan(before));
  });

  it('says so when nothing matches', async () => {
    stubFetch(() => ({ body: { emails: [], nextCursor: null } }));
    renderSignedIn(<Emails />);
    expect(await screen.findByText(/No emails yet/)).toBeTruthy();
  });
});
