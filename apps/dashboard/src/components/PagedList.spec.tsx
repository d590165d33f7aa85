/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useProjectPages } from '../api/hooks';
import { apiError, renderSignedIn, type Routes } from '../testing/render';
import { LoadMore, PagedList } from './PagedList';

interface LetterPage {
  letters: string[];
  nextCursor: string | null;
}

/** A paged list of letters, two a page, as a page would use PagedList. */
function Letters() {
  const pages = useProjectPages<LetterPage, string>('letters', { limit: 2 }, (p) => p.letters);
  return (
    <PagedList pages={pages} noun="letter" minHeight={100} empty="No letters yet.">
      {(letters) => (
        <ul aria-label="Letters">
          {letters.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </PagedList>
  );
}

const letters = () =>
  within(screen.getByRole('list', { name: 'Letters' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('LoadMore', () => {
  it('counts the rows and loads the next page while there is one', async () => {
    const onLoad = jest.fn();
    const { rerender } = render(<LoadMore shown={50} noun="event" hasMore loading={false} onLoad={onLoad} />);
    expect(screen.getByRole('status').textContent).toBe('50 events shown');
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(onLoad).toHaveBeenCalledTimes(1);

    rerender(<LoadMore shown={50} noun="event" hasMore loading onLoad={onLoad} />);
    expect((screen.getByRole('button', { name: 'Loading…' }) as HTMLButtonElement).disabled).toBe(true);

    rerender(<LoadMore shown={1_234} noun="event" hasMore={false} loading={false} onLoad={onLoad} />);
    expect(screen.getByRole('status').textContent).toBe('All 1,234 events shown');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('says one row in the singular, and a noun’s own plural', () => {
    const { rerender } = render(
      <LoadMore shown={1} noun="task" hasMore={false} loading={false} onLoad={() => undefined} />,
    );
    expect(screen.getByRole('status').textContent).toBe('1 task shown');
    rerender(
      <LoadMore shown={3} noun="person" plural="people" hasMore={false} loading={false} onLoad={() => {}} />,
    );
    expect(screen.getByRole('status').textContent).toBe('All 3 people shown');
  });

  it('counts against the total when it is known', () => {
    render(<LoadMore shown={25} total={1_300} noun="person" hasMore loading={false} onLoad={() => {}} />);
    expect(screen.getByRole('status').textContent).toBe('Showing 25 of 1,300');
  });
});

describe('PagedList', () => {
  it('says so when the list is empty', async () => {
    renderSignedIn(<Letters />, { api: { 'GET letters': { body: { letters: [], nextCursor: null } } } });
    expect(await screen.findByText('No letters yet.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows the rows page by page, and keeps them when a later page fails', async () => {
    let failing = true;
    const api: Routes = {
      'GET letters': (call) =>
        !call.query.cursor
          ? { body: { letters: ['a', 'b'], nextCursor: 'c' } }
          : failing
            ? apiError(503, 'unavailable', 'ClickHouse is restarting')
            : { body: { letters: ['c'], nextCursor: null } },
    };
    const { calls } = renderSignedIn(<Letters />, { api });
    await screen.findByText('a');
    expect(screen.getByRole('status').textContent).toBe('2 letters shown');

    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not load more: ClickHouse is restarting',
    );
    expect(letters()).toEqual(['a', 'b']);

    failing = false;
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('c');
    expect(letters()).toEqual(['a', 'b', 'c']);
    expect(screen.getByRole('status').textContent).toBe('All 3 letters shown');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(calls.map((c) => c.query)).toEqual([
      { limit: '2' },
      { limit: '2', cursor: 'c' },
      { limit: '2', cursor: 'c' },
    ]);
  });
});
