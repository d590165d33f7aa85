/** @jest-environment jsdom */
import type { DropoffPage, FunnelQuery } from '@bindery/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderSignedIn, stubFetch } from './testing';
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
});

function answerPages(call: { path: string }) {
  const url = new URL(call.path, 'http://x/');
  const cursor = url.searchParams.get('cursor');
  const page: DropoffPage = cursor
    ? { step: 2, subjects: [{ ...subject('u-3'), lastEvent: null }], nextCursor: null }
    : { step: 2, subjects: [subject('u-1'), subject('u-2')], nextCursor: 'c2' };
  return { body: page };
}

describe('DropoffList', () => {
  it('lists who stopped at the step, page by page, asking for the funnel without its breakdown', async () => {
    const user = userEvent.setup();
    const calls = stubFetch(answerPages);
    renderSignedIn(
      <DropoffList
        query={QUERY}
        step={2}
        event="Project Created"
        nextEvent="Invite Sent"
        total={3}
        onClose={() => {}}
      />,
    );

    const table = await screen.findByRole('table', { name: 'people who stopped at step 2' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['u-1', 'u-2']);
    expect(within(table).queryByRole('link')).toBeNull();
    expect(screen.getByText('Showing 2 of 3')).toBeTruthy();
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Stopped at step 2: Project Created' }),
    );

    const first = new URL(calls[0]!.path, 'http://x/');
    expect(first.pathname).toBe('/funnels/dropoffs');
    expect(first.searchParams.get('step')).toBe('2');
    expect(first.searchParams.get('limit')).toBe('25');
    expect(JSON.parse(first.searchParams.get('query')!)).toEqual({ ...QUERY, breakdown: undefined });

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('u-3');
    expect(new URL(calls[1]!.path, 'http://x/').searchParams.get('cursor')).toBe('c2');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['u-1', 'u-2', 'u-3']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByText('Showing 3 of 3')).toBeTruthy();
  });

  it('links accounts to their page', async () => {
    stubFetch(() => ({ body: { step: 1, subjects: [subject('acme inc')], nextCursor: null } }));
    renderSignedIn(
      <DropoffList
        query={{ ...QUERY, aggregateBy: 'account' }}
        step={1}
        event="Signed Up"
        nextEvent="Project Created"
        total={1}
        onClose={() => {}}
      />,
    );
    const link = await screen.findByRole('link', { name: 'acme inc' });
    expect(link.getAttribute('href')).toBe('/accounts/acme%20inc');
    expect(screen.getByRole('columnheader', { name: 'Account' })).toBeTruthy();
  });

  it('shows the API’s error with a retry', async () => {
    let fail = true;
    stubFetch(() =>
      fail
        ? { status: 400, body: { error: { code: 'invalid_input', message: 'query is not valid JSON' } } }
        : { body: { step: 1, subjects: [subject('u-9')], nextCursor: null } },
    );
    const user = userEvent.setup();
    renderSignedIn(
      <DropoffList
        query={QUERY}
        step={1}
        event="Signed Up"
        nextEvent="Project Created"
        total={1}
        onClose={() => {}}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('query is not valid JSON');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('u-9')).toBeTruthy();
  });
});
