/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import type { AccountRow } from './account-rows';
import { AccountsTable } from './AccountsTable';

function row(id: string, name: string, score: number | null, over: Partial<AccountRow> = {}): AccountRow {
  return {
    id,
    name,
    score,
    abc: 'B',
    mrr: 100,
    csm: 'li@v.example',
    plan: null,
    weeklyEvents: [1, 2, 3, 4, 5, 6, 7, 8],
    trend: 0.2,
    users: 4,
    activeUsers7d: 2,
    activeUsers30d: 4,
    lastSeenAt: null,
    openTasks: 1,
    ...over,
  };
}

const ROWS = [
  row('acct-b', 'Birch', 80),
  row('acct-a', 'Acme', 35),
  row('acct-c', 'acct-c', null),
  row('acct-d', 'Dune', 61),
];

const names = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((tr) => within(tr).getAllByRole('cell')[0]!.querySelector('a')!.textContent);

describe('AccountsTable', () => {
  it('lists accounts by name, each linking to its page', () => {
    render(
      <MemoryRouter>
        <AccountsTable rows={ROWS} firstRowsOnly={false} />
      </MemoryRouter>,
    );
    expect(names()).toEqual(['acct-c', 'Acme', 'Birch', 'Dune']);
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('/accounts/acct-a');
    expect(screen.getAllByRole('img', { name: /^Weekly events of Birch/ })).toHaveLength(1);
  });

  it('sorts by health, lowest first on the second click, unscored accounts last', async () => {
    const user = userEvent.setup();
    render(
      <MemoryRouter>
        <AccountsTable rows={ROWS} firstRowsOnly={false} />
      </MemoryRouter>,
    );
    const health = screen.getByRole('button', { name: 'Health' });
    await user.click(health);
    expect(names()).toEqual(['Birch', 'Dune', 'Acme', 'acct-c']);
    await user.click(health);
    expect(names()).toEqual(['Acme', 'Dune', 'Birch', 'acct-c']);
    expect(screen.getByRole('columnheader', { name: /Health/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('escapes an account id in its link', () => {
    render(
      <MemoryRouter>
        <AccountsTable rows={[row('a/b c', 'Slash', 50)]} firstRowsOnly={false} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('link', { name: 'Slash' }).getAttribute('href')).toBe('/accounts/a%2Fb%20c');
  });
});
