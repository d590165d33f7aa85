/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Tasks } from './Tasks';
import { type FetchCall, renderSignedIn, stubFetch } from './tasks/test-providers';

const listed = (calls: FetchCall[]) =>
  calls.filter((c) => c.url.pathname.endsWith('/tasks')).at(-1)?.url.searchParams;

describe('Tasks', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows all tasks to a CSM without an email, and asks for it on "Mine"', async () => {
    const calls = stubFetch(() => ({ body: { tasks: [], nextCursor: null } }));
    renderSignedIn(<Tasks />);
    expect(screen.getByRole('button', { name: 'All' }).getAttribute('aria-pressed')).toBe('true');
    await screen.findByText('No tasks with these filters.');
    expect(listed(calls)?.has('assignee')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Mine' }));
    await userEvent.type(screen.getByLabelText('Your email'), 'maya@vendor.example');
    await userEvent.click(screen.getByRole('button', { name: 'Show my tasks' }));

    await waitFor(() => expect(listed(calls)?.get('assignee')).toBe('maya@vendor.example'));
    expect(screen.getByText('maya@vendor.example')).toBeTruthy();
    expect(sessionStorage.getItem('bindery.session')).toContain('maya@vendor.example');
  });

  it('opens on my tasks once I gave my email, and filters the shared queue, status and priority', async () => {
    const calls = stubFetch(() => ({ body: { tasks: [], nextCursor: null } }));
    renderSignedIn(<Tasks />, { email: 'li@vendor.example' });
    await waitFor(() => expect(listed(calls)?.get('assignee')).toBe('li@vendor.example'));

    await userEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    await waitFor(() => expect(listed(calls)?.get('assignee')).toBe('unassigned'));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'snoozed');
    await userEvent.selectOptions(screen.getByLabelText('Priority'), 'P1,P2');
    await waitFor(() => expect(listed(calls)?.get('priority')).toBe('P1,P2'));
    expect(listed(calls)?.get('status')).toBe('snoozed');
    expect(listed(calls)?.get('assignee')).toBe('unassigned');
  });
});
