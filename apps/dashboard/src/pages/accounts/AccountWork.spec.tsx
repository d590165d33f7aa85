/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountNotes } from './AccountNotes';
import { AccountTasks } from './AccountTasks';
import { type ApiCall, apiError, renderSignedIn, type Routes } from '../../testing/render';

const TASK_ID = '0190f000-0000-7000-8000-000000000201';
const CSMS = {
  csms: [
    {
      email: 'maya@vendor.example',
      name: 'Maya',
      alerts: 'immediate',
      listed: true,
      member: false,
      liveTasks: 2,
    },
  ],
};
const posts = (calls: ApiCall[]) =>
  calls.filter((c) => c.method === 'POST').map(({ path, body }) => ({ path, body }));

describe('an account’s tasks and notes', () => {
  beforeEach(() => sessionStorage.clear());

  it('makes a task on the account with a first note, assigned to me by default', async () => {
    const api: Routes = {
      'GET tasks': { body: { tasks: [], nextCursor: null } },
      'GET csms': { body: CSMS },
      'POST tasks': (call) => ({ status: 201, body: { id: TASK_ID, ...(call.body as object) } }),
      'POST tasks/:id/notes': { status: 201, body: { id: 'n1' } },
    };
    const { calls } = renderSignedIn(<AccountTasks accountId="acct-007" />, {
      api,
      email: 'maya@vendor.example',
    });
    await screen.findByText('No task for this account yet.');
    await userEvent.click(screen.getByRole('button', { name: 'New task' }));
    const form = screen.getByRole('form', { name: 'New task' });
    await within(form).findByRole('option', { name: /^Maya/ });
    expect((within(form).getByLabelText('Assign to') as HTMLSelectElement).value).toBe('maya@vendor.example');

    await userEvent.type(within(form).getByLabelText('Title'), ' Renewal call ');
    await userEvent.selectOptions(within(form).getByLabelText('Priority'), 'P2');
    await userEvent.type(within(form).getByLabelText('Due (optional)'), '2099-03-04');
    await userEvent.type(within(form).getByLabelText('First note (optional)'), 'They asked about SSO.');
    await userEvent.click(within(form).getByRole('button', { name: 'Create task' }));

    await screen.findByText('Task “Renewal call” created with a note.');
    expect(posts(calls)).toEqual([
      {
        path: 'tasks',
        body: {
          accountId: 'acct-007',
          title: 'Renewal call',
          priority: 'P2',
          assignee: 'maya@vendor.example',
          dueAt: '2099-03-04T00:00:00.000Z',
        },
      },
      { path: `tasks/${TASK_ID}/notes`, body: { body: 'They asked about SSO.' } },
    ]);
    expect(screen.queryByRole('form', { name: 'New task' })).toBeNull();
  });

  it('shows the API’s refusal and keeps the form', async () => {
    renderSignedIn(<AccountTasks accountId="gone" />, {
      api: {
        'GET tasks': { body: { tasks: [], nextCursor: null } },
        'GET csms': { body: { csms: [] } },
        'POST tasks': apiError(404, 'not_found', 'Account gone not found'),
      },
    });
    await userEvent.click(await screen.findByRole('button', { name: 'New task' }));
    const form = screen.getByRole('form', { name: 'New task' });
    await userEvent.type(within(form).getByLabelText('Title'), 'x');
    await userEvent.click(within(form).getByRole('button', { name: 'Create task' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('Account gone not found');
  });

  it('lists the account’s notes, newest first, marking those on a task, and adds one', async () => {
    const { calls } = renderSignedIn(<AccountNotes accountId="acct 7" />, {
      api: {
        'GET accounts/:id/notes': {
          body: {
            notes: [
              {
                id: 'n2',
                accountId: 'acct 7',
                taskId: TASK_ID,
                taskTitle: 'Renewal call',
                author: 'li@vendor.example',
                body: 'Sent the SSO guide.',
                createdAt: '2026-11-21T00:00:00.000Z',
              },
              {
                id: 'n1',
                accountId: 'acct 7',
                taskId: null,
                taskTitle: null,
                author: 'api',
                body: 'Met them at the fair.',
                createdAt: '2026-11-20T00:00:00.000Z',
              },
            ],
            nextCursor: null,
          },
        },
        'POST accounts/:id/notes': { status: 201, body: { id: 'n3' } },
      },
    });
    const items = await screen.findAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.note-body')?.textContent)).toEqual([
      'Sent the SSO guide.',
      'Met them at the fair.',
    ]);
    expect(within(items[0]!).getByText(/on the task “Renewal call”/)).toBeTruthy();
    expect(within(items[1]!).queryByText(/on the task/)).toBeNull();

    await userEvent.type(screen.getByLabelText('Add a note to the account'), 'Champion left.');
    await userEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(posts(calls)).toEqual([{ path: 'accounts/acct%207/notes', body: { body: 'Champion left.' } }]),
    );
  });
});
