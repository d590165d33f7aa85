/** @jest-environment jsdom */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Task } from '@bindery/contracts';
import type { ComponentProps } from 'react';
import { snoozeChoices, startOfDayIso } from './task-dates';
import { TaskList } from './TaskList';
import { type ApiCall, apiError, renderSignedIn, type Routes } from '../../testing/render';

const task = (n: number, over: Partial<Task> = {}): Task => ({
  id: `0190f000-0000-7000-8000-00000000010${n}`,
  accountId: `acct-00${n}`,
  ruleId: null,
  title: `Account acct-00${n} has gone quiet`,
  body: `Account acct-00${n} was last active 12 days ago.`,
  priority: 'P1',
  status: 'open',
  assignee: 'maya@vendor.example',
  snoozedUntil: null,
  dueAt: '2099-01-01T00:00:00.000Z',
  signalIds: [],
  outcome: null,
  outcomeNote: null,
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  ...over,
});

/** The API: two pages of tasks, PATCH answers with the changed task, a task's detail with one timeline row. */
const API: Routes = {
  'GET tasks': (call) =>
    call.query.cursor === 'page2'
      ? { body: { tasks: [task(3, { priority: 'P3' })], nextCursor: null } }
      : {
          body: {
            tasks: [task(1), task(2, { dueAt: '2020-01-01T00:00:00.000Z', assignee: null })],
            nextCursor: 'page2',
          },
        },
  'PATCH tasks/:id': (call) => ({ body: { ...task(1), ...(call.body as object) } }),
  [`GET tasks/${task(1).id}`]: {
    body: {
      ...task(1),
      timeline: [
        { at: '2026-11-20T00:00:00.000Z', actor: 'rules', change: { created: true, priority: 'P1' } },
        {
          at: '2026-11-21T00:00:00.000Z',
          actor: 'li@vendor.example',
          change: { note: 'Left a voicemail', noteId: 'n1' },
        },
      ],
    },
  },
  'POST tasks/:id/notes': (call) => ({
    status: 201,
    body: { id: 'n2', body: (call.body as { body: string }).body },
  }),
  'GET csms': {
    body: {
      csms: [
        {
          email: 'maya@vendor.example',
          name: 'Maya',
          alerts: 'immediate',
          listed: true,
          member: false,
          liveTasks: 3,
        },
        {
          email: 'omar@vendor.example',
          name: null,
          alerts: 'digest',
          listed: false,
          member: false,
          liveTasks: 1,
        },
      ],
    },
  },
};

/** The list of the first 50 tasks against `api`. */
function renderList(
  api: Routes = API,
  { myEmail = '', emptyText = 'None', onChanged = () => {} }: Partial<ComponentProps<typeof TaskList>> = {},
) {
  return renderSignedIn(
    <TaskList query={{ limit: 50 }} myEmail={myEmail} emptyText={emptyText} onChanged={onChanged} />,
    { path: '/tasks', api },
  );
}

const patches = (calls: ApiCall[]) => calls.filter((c) => c.method === 'PATCH');
const card = (n: number) => screen.getByRole('article', { name: task(n).title });

describe('TaskList', () => {
  it('shows each task with its account link, assignee and due date, overdue ones marked, and pages on', async () => {
    const { calls } = renderList();

    await screen.findByRole('article', { name: task(1).title });
    expect(within(card(1)).getByRole('link', { name: 'acct-001' }).getAttribute('href')).toBe(
      '/accounts/acct-001',
    );
    expect(within(card(1)).getByText('maya@vendor.example')).toBeTruthy();
    expect(within(card(1)).queryByText('Overdue')).toBeNull();
    expect(within(card(2)).getByText('Overdue')).toBeTruthy();
    expect(within(card(2)).getByText('Unassigned')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('2 tasks shown');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('article', { name: task(3).title });
    expect(calls.at(-1)?.query.cursor).toBe('page2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('All 3 tasks shown')).toBeTruthy();
  });

  it('says so when no task matches', async () => {
    renderList({ 'GET tasks': { body: { tasks: [], nextCursor: null } } }, { emptyText: 'No tasks here.' });
    expect(await screen.findByText('No tasks here.')).toBeTruthy();
  });

  it('snoozes a task until a quick choice, reports it and reloads the list', async () => {
    const onChanged = jest.fn();
    const { calls } = renderList(API, { onChanged });
    await screen.findByRole('article', { name: task(1).title });
    const listCalls = () => calls.filter((c) => c.method === 'GET' && c.path === 'tasks').length;
    const before = listCalls();

    await userEvent.click(within(card(1)).getByRole('button', { name: 'Snooze' }));
    await userEvent.click(within(card(1)).getByRole('button', { name: /^Tomorrow/ }));

    const until = startOfDayIso(snoozeChoices(Date.now())[0]!.date);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(expect.stringContaining('is snoozed until')));
    expect(patches(calls)).toEqual([
      { method: 'PATCH', path: `tasks/${task(1).id}`, query: {}, body: { snoozedUntil: until } },
    ]);
    expect(listCalls()).toBeGreaterThan(before);
  });

  it('snoozes until a date typed in, and refuses a day that is not in the future', async () => {
    const { calls } = renderList();
    await screen.findByRole('article', { name: task(1).title });
    await userEvent.click(within(card(1)).getByRole('button', { name: 'Snooze' }));
    const date = within(card(1)).getByLabelText('Snooze until');
    const submit = within(within(card(1)).getByRole('form', { name: 'Snooze task' })).getByRole('button', {
      name: 'Snooze',
    });

    await userEvent.type(date, '2020-01-01');
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.clear(date);
    await userEvent.type(date, '2099-03-04');
    await userEvent.click(submit);
    await waitFor(() =>
      expect(patches(calls).map((c) => c.body)).toEqual([{ snoozedUntil: '2099-03-04T00:00:00.000Z' }]),
    );
  });

  it('reassigns to a listed CSM or someone else, unassigns, and changes the status', async () => {
    const { calls } = renderList(API, { myEmail: 'li@vendor.example' });
    await screen.findByRole('article', { name: task(1).title });
    await userEvent.click(within(card(1)).getByRole('button', { name: 'Reassign' }));
    const picker = within(card(1)).getByLabelText('Assign to');
    await within(picker).findByRole('option', { name: /^Omar|omar@vendor\.example/ });
    expect((picker as HTMLSelectElement).value).toBe('maya@vendor.example');
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Maya (maya@vendor.example) · 3 live tasks',
      'omar@vendor.example · 1 live task',
      'Shared queue (unassigned)',
      'Someone else…',
    ]);
    await userEvent.selectOptions(picker, 'Shared queue (unassigned)');
    await userEvent.click(within(card(1)).getByRole('button', { name: 'Unassign' }));
    await waitFor(() => expect(patches(calls).map((c) => c.body)).toEqual([{ assignee: null }]));

    await userEvent.click(within(card(1)).getByRole('button', { name: 'Reassign' }));
    await userEvent.selectOptions(within(card(1)).getByLabelText('Assign to'), 'omar@vendor.example');
    await userEvent.click(
      within(within(card(1)).getByRole('form', { name: 'Reassign task' })).getByRole('button', {
        name: 'Reassign',
      }),
    );
    await waitFor(() => expect(patches(calls).at(-1)?.body).toEqual({ assignee: 'omar@vendor.example' }));

    await userEvent.click(within(card(2)).getByRole('button', { name: 'Reassign' }));
    const form = within(card(2)).getByRole('form', { name: 'Reassign task' });
    await userEvent.selectOptions(within(form).getByLabelText('Assign to'), 'Someone else…');
    const submit = within(form).getByRole('button', { name: 'Reassign' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText('Their email'), 'ana@vendor.example');
    await userEvent.click(submit);
    await waitFor(() =>
      expect(patches(calls).at(-1)).toMatchObject({
        path: `tasks/${task(2).id}`,
        body: { assignee: 'ana@vendor.example' },
      }),
    );
    await userEvent.click(within(card(2)).getByRole('button', { name: 'Reassign' }));
    await userEvent.click(within(card(2)).getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(patches(calls).at(-1)?.body).toEqual({ assignee: 'li@vendor.example' }));

    await userEvent.selectOptions(within(card(1)).getByLabelText('Status'), 'in_progress');
    await waitFor(() => expect(patches(calls).at(-1)?.body).toEqual({ status: 'in_progress' }));
    expect(patches(calls)).toHaveLength(5);
  });

  it('asks how a task ended before closing it; "Other" needs words', async () => {
    const onChanged = jest.fn();
    const { calls } = renderList(API, { onChanged });
    await screen.findByRole('article', { name: task(1).title });
    await userEvent.selectOptions(within(card(1)).getByLabelText('Status'), 'done');
    const form = within(card(1)).getByRole('form', { name: 'Close task' });
    const submit = within(form).getByRole('button', { name: 'Mark done' });
    expect(patches(calls)).toEqual([]);
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.click(within(form).getByLabelText('Other'));
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    await userEvent.type(within(form).getByLabelText('What happened (required)'), 'Moved to a partner');
    await userEvent.click(submit);
    await waitFor(() =>
      expect(patches(calls).map((c) => c.body)).toEqual([
        { status: 'done', outcome: 'other', outcomeNote: 'Moved to a partner' },
      ]),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(`“${task(1).title}” is done: other.`));

    await userEvent.selectOptions(within(card(2)).getByLabelText('Status'), 'dismissed');
    const dismiss = within(card(2)).getByRole('form', { name: 'Close task' });
    await userEvent.click(within(dismiss).getByLabelText('Churn risk confirmed'));
    await userEvent.click(within(dismiss).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(patches(calls).at(-1)?.body).toEqual({ status: 'dismissed', outcome: 'churn_risk_confirmed' }),
    );
  });

  it('shows the account’s name, MRR, class and health trend, and a closed task’s outcome', async () => {
    const facts = {
      id: 'acct-001',
      name: 'Pine Vale',
      mrr: 4488,
      abc: 'A',
      health: { score: 41, day: '2026-11-20', before: { score: 75, day: '2026-11-13' } },
    };
    renderList({
      'GET tasks': {
        body: {
          tasks: [
            { ...task(1), account: facts },
            {
              ...task(2, { status: 'done', outcome: 'no_response', outcomeNote: 'Three calls' }),
              account: null,
            },
          ],
          nextCursor: null,
        },
      },
    });
    await screen.findByRole('article', { name: task(1).title });
    const meta = within(card(1));
    expect(meta.getByRole('link', { name: 'Pine Vale' }).getAttribute('href')).toBe('/accounts/acct-001');
    expect(meta.getByText('$4,488')).toBeTruthy();
    expect(meta.getByTitle('ABC class A, by MRR').textContent).toBe('A');
    expect(meta.getByTitle('Health 75 on 13 Nov 2026, 41 on 20 Nov 2026').textContent).toBe('75 →');
    expect(meta.getByTitle('Health 41 of 100: at risk').textContent).toBe('41');
    expect(within(card(2)).getByText('No response')).toBeTruthy();
    expect(within(card(2)).getByText('(Three calls)')).toBeTruthy();
  });
  it('shows the API’s refusal on the card', async () => {
    renderList({
      'GET tasks': { body: { tasks: [task(1, { status: 'dismissed' })], nextCursor: null } },
      'PATCH tasks/:id': apiError(409, 'conflict', 'another task is live'),
    });
    await screen.findByRole('article', { name: task(1).title });
    await userEvent.selectOptions(within(card(1)).getByLabelText('Status'), 'open');
    expect((await within(card(1)).findByRole('alert')).textContent).toContain('another task is live');
  });

  it('opens the timeline of a task, with its notes, and adds one', async () => {
    const { calls } = renderList();
    await screen.findByRole('article', { name: task(1).title });
    const toggle = within(card(1)).getByRole('button', { name: 'Timeline' });
    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await within(card(1)).findByText('Created as P1')).toBeTruthy();
    expect(within(card(1)).getByText('by rules')).toBeTruthy();
    expect(within(card(1)).getByText('Left a voicemail')).toBeTruthy();
    expect(within(card(1)).getByText('by li@vendor.example')).toBeTruthy();

    await userEvent.type(within(card(1)).getByLabelText('Add a note to the task'), '  Sent the guide ');
    await userEvent.click(within(card(1)).getByRole('button', { name: 'Save note' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST')).toEqual([
        { method: 'POST', path: `tasks/${task(1).id}/notes`, query: {}, body: { body: 'Sent the guide' } },
      ]),
    );
    await waitFor(() =>
      expect((within(card(1)).getByLabelText('Add a note to the task') as HTMLTextAreaElement).value).toBe(
        '',
      ),
    );
  });
});
