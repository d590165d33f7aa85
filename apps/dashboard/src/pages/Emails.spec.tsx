/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { OutboxEmail } from '@bindery/contracts';
import { type ApiCall, renderSignedIn, type Routes } from '../testing/render';
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

const lists = (calls: ApiCall[]) => calls.filter((c) => c.method === 'GET' && c.path === 'emails');

const API: Routes = {
  'GET emails': (call) =>
    call.query.cursor === 'next'
      ? { body: { emails: [email(3)], nextCursor: null } }
      : {
          body: {
            emails: [
              email(1),
              email(2, { status: 'failed', attempts: 3, lastError: '421 mailbox busy', sentAt: null }),
            ],
            nextCursor: 'next',
          },
        },
  'POST emails/replay': { body: { replayed: 2 } },
};

const renderEmails = (api = API) => renderSignedIn(<Emails />, { path: '/emails', api });

describe('Emails', () => {
  it('lists the outbox with each email’s status, attempts and error, a page at a time', async () => {
    const { calls } = renderEmails();
    const failed = (await screen.findByText('user2@acct.example')).closest('tr') as HTMLElement;
    expect(within(failed).getByText('failed').className).toContain('danger');
    expect(within(failed).getByText('3')).toBeTruthy();
    expect(within(failed).getByText('421 mailbox busy')).toBeTruthy();
    expect(lists(calls)[0]?.query).toEqual({ limit: '50' });

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('user3@acct.example');
    expect(screen.getByText('All 3 emails shown')).toBeTruthy();
  });

  it('filters by status at once and by recipient on search', async () => {
    const { calls } = renderEmails();
    await screen.findByText('user1@acct.example');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() => expect(lists(calls).at(-1)?.query.status).toBe('failed'));

    await userEvent.type(screen.getByLabelText('Recipient'), ' user2@acct.example ');
    expect(lists(calls).at(-1)?.query).not.toHaveProperty('recipient');
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(lists(calls).at(-1)?.query.recipient).toBe('user2@acct.example'));
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(lists(calls).at(-1)?.query).not.toHaveProperty('recipient'));
    expect(lists(calls).at(-1)?.query.status).toBe('failed');
  });

  it('replays the failed emails, says how many, and reloads the outbox', async () => {
    const { calls } = renderEmails();
    await screen.findByText('user1@acct.example');
    const before = lists(calls).length;
    await userEvent.click(screen.getByRole('button', { name: 'Replay failed emails' }));
    expect(await screen.findByText('2 failed emails are queued to be sent again.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      { method: 'POST', path: 'emails/replay', query: {}, body: undefined },
    ]);
    await waitFor(() => expect(lists(calls).length).toBeGreaterThan(before));
  });

  it('says so when nothing matches', async () => {
    renderEmails({ 'GET emails': { body: { emails: [], nextCursor: null } } });
    expect(await screen.findByText(/No emails yet/)).toBeTruthy();
  });
});
