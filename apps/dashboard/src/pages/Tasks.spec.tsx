/** @jest-environment jsdom */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Tasks } from './Tasks';
import { type ApiCall, renderSignedIn } from '../testing/render';

const NO_TASKS = { 'GET tasks': { body: { tasks: [], nextCursor: null } } };
/** The query of the last list asked for. */
const listed = (calls: ApiCall[]) => calls.filter((c) => c.path === 'tasks').at(-1)?.query;

describe('Tasks', () => {
  beforeEach(() => sessionStorage.clear());

  it('opens an owner on all tasks, and lists theirs on "Mine", with no email to type', async () => {
    const { calls } = renderSignedIn(<Tasks />, {
      path: '/tasks',
      email: 'maya@vendor.example',
      api: NO_TASKS,
    });
    await screen.findByText('No tasks with these filters.');
    expect(listed(calls)).toEqual({ limit: '50' });

    await userEvent.click(screen.getByRole('button', { name: 'Mine' }));

    await waitFor(() => expect(listed(calls)?.assignee).toBe('maya@vendor.example'));
    expect(screen.getByText('maya@vendor.example')).toBeTruthy();
    expect(screen.queryByLabelText('Your email')).toBeNull();
  });

  it('opens a CSM on their tasks, and filters the shared queue, status and priority', async () => {
    const { calls } = renderSignedIn(<Tasks />, {
      path: '/tasks',
      email: 'li@vendor.example',
      role: 'csm',
      api: NO_TASKS,
    });
    await waitFor(() => expect(listed(calls)?.assignee).toBe('li@vendor.example'));

    await userEvent.click(screen.getByRole('button', { name: 'Unassigned' }));
    await waitFor(() => expect(listed(calls)?.assignee).toBe('unassigned'));
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'snoozed');
    await userEvent.selectOptions(screen.getByLabelText('Priority'), 'P1,P2');
    await waitFor(() => expect(listed(calls)?.priority).toBe('P1,P2'));
    expect(listed(calls)?.status).toBe('snoozed');
    expect(listed(calls)?.assignee).toBe('unassigned');
  });

  it('searches once typing pauses and sorts, both kept in the URL query', async () => {
    const { calls } = renderSignedIn(<Tasks />, { path: '/tasks?view=all', api: NO_TASKS });
    await screen.findByText('No tasks with these filters.');

    await userEvent.type(screen.getByLabelText('Search'), 'pine vale');
    await waitFor(() => expect(listed(calls)?.q).toBe('pine vale'));
    // One list for the whole text, not one per key.
    expect(calls.filter((c) => c.path === 'tasks' && c.query.q !== undefined)).toHaveLength(1);
    await userEvent.selectOptions(screen.getByLabelText('Sort'), 'Highest MRR');
    await waitFor(() => expect(listed(calls)).toEqual({ q: 'pine vale', sort: 'mrr', limit: '50' }));
  });
});
