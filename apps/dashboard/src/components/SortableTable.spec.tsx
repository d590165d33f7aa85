/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type Column, SortableTable, sortRows } from './SortableTable';

interface Plan {
  name: string;
  seats: number | null;
  tier: string;
}

const PLANS: Plan[] = [
  { name: 'Growth', seats: 20, tier: 'b' },
  { name: 'Free', seats: null, tier: 'c' },
  { name: 'Scale', seats: 100, tier: 'a' },
  { name: 'Team', seats: 20, tier: 'b' },
  { name: 'Trial', seats: null, tier: 'c' },
];

const COLUMNS: Column<Plan>[] = [
  { key: 'name', header: 'Plan', render: (p) => p.name },
  { key: 'seats', header: 'Seats', align: 'right', sortValue: (p) => p.seats, render: (p) => p.seats ?? '—' },
  { key: 'tier', header: 'Tier', sortValue: (p) => p.tier, render: (p) => p.tier },
];

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[0]!.textContent);
const header = (name: RegExp) => screen.getByRole('columnheader', { name });

describe('sortRows', () => {
  it('puts nulls last in both directions and keeps the order of ties', () => {
    const by = (direction: 'asc' | 'desc') =>
      sortRows(PLANS, COLUMNS, { key: 'seats', direction }).map((p) => p.name);
    expect(by('asc')).toEqual(['Growth', 'Team', 'Scale', 'Free', 'Trial']);
    expect(by('desc')).toEqual(['Scale', 'Growth', 'Team', 'Free', 'Trial']);
  });

  it('compares text as text and leaves the rows alone without a sortable column', () => {
    expect(sortRows(PLANS, COLUMNS, { key: 'tier', direction: 'asc' }).map((p) => p.name)).toEqual([
      'Scale',
      'Growth',
      'Team',
      'Free',
      'Trial',
    ]);
    expect(sortRows(PLANS, COLUMNS, { key: 'name', direction: 'asc' })).toBe(PLANS);
    expect(sortRows(PLANS, COLUMNS, null)).toBe(PLANS);
  });
});

describe('SortableTable', () => {
  it('sorts by a header button, largest first, then smallest first, and says so with aria-sort', async () => {
    const user = userEvent.setup();
    render(<SortableTable rows={PLANS} columns={COLUMNS} rowKey={(p) => p.name} caption="Plans" />);
    expect(screen.getByRole('table', { name: 'Plans' })).toBeTruthy();
    expect(names()).toEqual(['Growth', 'Free', 'Scale', 'Team', 'Trial']);
    expect(header(/Seats/).getAttribute('aria-sort')).toBeNull();
    expect(within(header(/Plan/)).queryByRole('button')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Seats' }));
    expect(names()).toEqual(['Scale', 'Growth', 'Team', 'Free', 'Trial']);
    expect(header(/Seats/).getAttribute('aria-sort')).toBe('descending');

    await user.click(screen.getByRole('button', { name: 'Seats' }));
    expect(names()).toEqual(['Growth', 'Team', 'Scale', 'Free', 'Trial']);
    expect(header(/Seats/).getAttribute('aria-sort')).toBe('ascending');

    await user.click(screen.getByRole('button', { name: 'Tier' }));
    expect(header(/Seats/).getAttribute('aria-sort')).toBeNull();
    expect(header(/Tier/).getAttribute('aria-sort')).toBe('descending');
    expect(names()).toEqual(['Free', 'Trial', 'Growth', 'Team', 'Scale']);
  });

  it('starts from the sort it is given', () => {
    render(
      <SortableTable
        rows={PLANS}
        columns={COLUMNS}
        rowKey={(p) => p.name}
        initialSort={{ key: 'seats', direction: 'asc' }}
      />,
    );
    expect(names()).toEqual(['Growth', 'Team', 'Scale', 'Free', 'Trial']);
    expect(header(/Seats/).getAttribute('aria-sort')).toBe('ascending');
  });

  it('lays out the first rows of the sort until "Show all"', async () => {
    const user = userEvent.setup();
    render(<SortableTable rows={PLANS} columns={COLUMNS} rowKey={(p) => p.name} pageSize={2} />);
    expect(names()).toEqual(['Growth', 'Free']);
    expect(screen.getByText('The first 2 of 5 shown, as sorted')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Seats' }));
    expect(names()).toEqual(['Scale', 'Growth']);

    await user.click(screen.getByRole('button', { name: 'Show all 5' }));
    expect(names()).toEqual(['Scale', 'Growth', 'Team', 'Free', 'Trial']);
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
    expect(screen.queryByText(/shown, as sorted/)).toBeNull();
  });

  it('shows no "Show all" when the rows fit the page', () => {
    render(<SortableTable rows={PLANS} columns={COLUMNS} rowKey={(p) => p.name} pageSize={5} />);
    expect(names()).toHaveLength(5);
    expect(screen.queryByRole('button', { name: /^Show all/ })).toBeNull();
  });
});
