/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LoadMore } from './LoadMore';

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

  it('says one row in the singular', () => {
    render(<LoadMore shown={1} noun="task" hasMore={false} loading={false} onLoad={() => undefined} />);
    expect(screen.getByRole('status').textContent).toBe('1 task shown');
  });
});
