/** @jest-environment jsdom */
import type { DropoffPage, FunnelQuery } from '@bindery/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ApiCall, apiError, renderSignedIn, type Routes } from '../../testing/render';
import { DropoffList } from './DropoffList';

const QUERY: FunnelQuery = {
  steps: [{ event: 'Signed Up' }, { event: 'Project Created' }, { event: 'Invite Sent' }],
  windowSeconds: 604_800,
  order: 'ordered',
  aggregateBy: 'user',
  from: '2026-10-01T00:00:00.000Z',
  to: '2026-11-01T00:00:00.000Z',
  breakdown: { property: 'plan', limit: 25 },
};

const subject = (id: string): DropoffPage['subjects'][number] => ({
  id,
  reachedStepAt: '2026-10-20T08:00:00.000Z',
  lastEvent: { event: 'Feature Used', timestamp: '2026-10-30T08:00:00.000Z' },
  accountId: null,
});

function answerPages(call: ApiCall) {
  const page: DropoffPage = call.query.cursor
    ? { step: 2, subjects: [{ ...subject('u-3'), lastEvent: null }], nextCursor: null }
    : { step: 2, subjects: [subject('u-1'), subject('u-2')], nextCursor: 'c2' };
  return { body: page };
}

/** The list of who stopped at `step` (of QUERY unless said), against `api`. */
function renderList(api: Routes, { step = 2, total = 3, query = QUERY } = {}) {
  const events = ['Signed Up', 'Project Created', 'Invite Sent'];
  return renderSignedIn(
    <DropoffList
      query={query}
      step={step}
      event={events[step - 1]!}
      nextEvent={events[step]!}
      total={total}
      onClose={() => {}}
    />,
    { api },
  );
}

describe('DropoffList', () => {
  it('lists who stopped at the step, page by page, asking for the funnel without its breakdown', async () => {
    const user = userEvent.setup();
    const { calls } = renderList({ 'GET funnels/dropoffs': answerPages });

    const table = await screen.findByRole('table', { name: 'people who stopped at step 2' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['u-1', 'u-2']);
    expect(
      within(table)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/people/u-1', '/people/u-2']);
    expect(screen.getByText('Showing 2 of 3')).toBeTruthy();
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Stopped at step 2: Project Created' }),
    );

    const first = calls[0]!;
    expect(first.path).toBe('funnels/dropoffs');
    expect(first.query.step).toBe('2');
    expect(first.query.limit).toBe('25');
    expect(JSON.parse(first.query.query!)).toEqual({ ...QUERY, breakdown: undefined });

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('u-3');
    expect(calls[1]!.query.cursor).toBe('c2');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['u-1', 'u-2', 'u-3']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('Showing 3 of 3')).toBeTruthy();
  });

  it('links a person to their latest account', async () => {
    renderList({
      'GET funnels/dropoffs': {
        body: {
          step: 2,
          subjects: [{ ...subject('u-7'), accountId: 'acct-9' }, subject('u-8')],
          nextCursor: null,
        },
      },
    });
    const link = await screen.findByRole('link', { name: 'acct-9' });
    expect(link.getAttribute('href')).toBe('/accounts/acct-9');
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(within(rows[2]!).getAllByRole('cell')[0]!.textContent).toBe('—');
  });

  it('links accounts to their page', async () => {
    renderList(
      { 'GET funnels/dropoffs': { body: { step: 1, subjects: [subject('acme inc')], nextCursor: null } } },
      { step: 1, total: 1, query: { ...QUERY, aggregateBy: 'account' } },
    );
    const link = await screen.findByRole('link', { name: 'acme inc' });
    expect(link.getAttribute('href')).toBe('/accounts/acme%20inc');
    expect(screen.getByRole('columnheader', { name: 'Account' })).toBeTruthy();
  });

  it('shows the API’s error with a retry', async () => {
    let fail = true;
    const user = userEvent.setup();
    renderList(
      {
        'GET funnels/dropoffs': () =>
          fail
            ? apiError(400, 'invalid_input', 'query is not valid JSON')
            : { body: { step: 1, subjects: [subject('u-9')], nextCursor: null } },
      },
      { step: 1, total: 1 },
    );
    expect((await screen.findByRole('alert')).textContent).toContain('query is not valid JSON');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('u-9')).toBeTruthy();
  });
});
