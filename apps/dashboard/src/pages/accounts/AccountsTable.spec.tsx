/** @jest-environment jsdom */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AccountRow } from './account-rows';
import { AccountsTable, sortFromParam, sortToParam } from './AccountsTable';
import { renderSignedIn } from '../../testing/render';

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
    renderSignedIn(<AccountsTable rows={ROWS} />, { path: '/accounts' });
    expect(names()).toEqual(['acct-c', 'Acme', 'Birch', 'Dune']);
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('/accounts/acct-a');
    expect(screen.getAllByRole('img', { name: /^Weekly events of Birch/ })).toHaveLength(1);
  });

  it('sorts by health, lowest first on the second click, unscored accounts last', async () => {
    const user = userEvent.setup();
    renderSignedIn(<AccountsTable rows={ROWS} />, { path: '/accounts' });
    const health = screen.getByRole('button', { name: 'Health' });
    await user.click(health);
    expect(names()).toEqual(['Birch', 'Dune', 'Acme', 'acct-c']);
    await user.click(health);
    expect(names()).toEqual(['Acme', 'Dune', 'Birch', 'acct-c']);
    expect(screen.getByRole('columnheader', { name: /Health/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('opens in the order a link names (`?sort=-mrr`), and ignores an unknown one', () => {
    renderSignedIn(<AccountsTable rows={ROWS} />, { path: '/accounts?sort=health' });
    expect(names()).toEqual(['Acme', 'Dune', 'Birch', 'acct-c']);
    expect(sortFromParam('-health')).toEqual({ key: 'health', direction: 'desc' });
    expect(sortFromParam('nonsense')).toEqual({ key: 'name', direction: 'asc' });
    expect(sortToParam({ key: 'name', direction: 'asc' })).toBeNull();
    expect(sortToParam({ key: 'mrr', direction: 'desc' })).toBe('-mrr');
  });

  it('escapes an account id in its link', () => {
    renderSignedIn(<AccountsTable rows={[row('a/b c', 'Slash', 50)]} />, {
      path: '/accounts',
    });
    expect(screen.getByRole('link', { name: 'Slash' }).getAttribute('href')).toBe('/accounts/a%2Fb%20c');
  });
});
