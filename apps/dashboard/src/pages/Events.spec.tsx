/** @jest-environment jsdom */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StoredEvent } from '@bindery/contracts';
import { type ApiCall, renderSignedIn } from '../testing/render';
import { LIVE_INTERVAL_MS } from './events/event-format';
import { Events } from './Events';

const event = (n: number, over: Partial<StoredEvent> = {}): StoredEvent => ({
  id: `0190f000-0000-7000-8000-00000000030${n}`,
  type: 'track',
  event: 'Feature Used',
  feature: 'export',
  timestamp: `2026-11-23T08:1${n}:40.724Z`,
  receivedAt: '2026-11-23T14:10:00.163Z',
  userId: `u-0000${n}`,
  anonymousId: null,
  accountId: 'acct-030',
  sessionId: null,
  properties: { format: 'csv', action: 'completed' },
  context: { groupId: 'acct-030' },
  traits: {},
  library: { name: '@bindery/sdk', version: '0.1.0' },
  source: 'segment',
  ...over,
});

const lists = (calls: ApiCall[]) => calls.filter((c) => c.path === 'events');
const seen = { firstSeen: '2026-09-25T00:00:00Z', lastSeen: '2026-11-23T08:11:40Z' };

const renderEvents = () =>
  renderSignedIn(<Events />, {
    path: '/events',
    api: {
      'GET event-definitions': {
        body: {
          definitions: [
            { event: 'Feature Used', count: 53652, ...seen },
            { event: 'Signed Up', count: 2851, ...seen },
          ],
        },
      },
      'GET events': (call) =>
        call.query.cursor === 'older'
          ? { body: { events: [event(1, { event: 'Signed Up' })], nextCursor: null } }
          : {
              body: {
                events: [event(3), event(2, { userId: null, anonymousId: 'anon-7' })],
                nextCursor: 'older',
              },
            },
    },
  });

describe('Events', () => {
  afterEach(() => jest.useRealTimers());

  it('lists the newest events and opens one to its full JSON', async () => {
    renderEvents();
    const toggle = await screen.findByRole('button', { name: 'Details of Feature Used at 23 Nov, 08:13:40' });
    expect(screen.getByText('anon-7')).toBeTruthy();
    expect(screen.getByText('(anonymous)')).toBeTruthy();

    await userEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const detail = document.getElementById(toggle.getAttribute('aria-controls') as string) as HTMLElement;
    const json = JSON.parse(within(detail).getByText(/"properties"/).textContent as string) as StoredEvent;
    expect(json).toEqual(event(3));

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Signed Up')).toBeTruthy();
  });

  it('suggests the project’s event names and filters on Apply', async () => {
    const { calls } = renderEvents();
    await screen.findAllByText('Feature Used');
    const field = screen.getByRole('combobox', { name: 'Event' });
    await userEvent.click(field);
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'Feature Used53,652 events',
        'Signed Up2,851 events',
      ]),
    );

    await userEvent.type(field, 'sig');
    await userEvent.click(screen.getByRole('option', { name: /^Signed Up/ }));
    expect((field as HTMLInputElement).value).toBe('Signed Up');
    await userEvent.type(screen.getByLabelText('Account ID'), 'acct-030');
    expect(lists(calls).at(-1)?.query).not.toHaveProperty('event');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(lists(calls).at(-1)?.query.event).toBe('Signed Up'));
    expect(lists(calls).at(-1)?.query.accountId).toBe('acct-030');
    expect(lists(calls).at(-1)?.query).not.toHaveProperty('userId');

    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lists(calls).at(-1)?.query).not.toHaveProperty('event'));
    expect((field as HTMLInputElement).value).toBe('');
  });

  it('asks for new events every few seconds until paused, and again once resumed', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    const { calls } = renderEvents();
    await screen.findAllByText('Feature Used');
    expect(screen.getByText('Live')).toBeTruthy();
    const first = lists(calls).length;

    await act(() => jest.advanceTimersByTimeAsync(LIVE_INTERVAL_MS + 100));
    await waitFor(() => expect(lists(calls).length).toBeGreaterThan(first));

    const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
    await user.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByText('Paused')).toBeTruthy();
    const paused = lists(calls).length;
    await act(() => jest.advanceTimersByTimeAsync(3 * LIVE_INTERVAL_MS));
    expect(lists(calls).length).toBe(paused);

    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await act(() => jest.advanceTimersByTimeAsync(LIVE_INTERVAL_MS + 100));
    await waitFor(() => expect(lists(calls).length).toBeGreaterThan(paused));
  });
});
