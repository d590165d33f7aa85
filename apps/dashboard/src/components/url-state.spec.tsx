/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { renderSignedIn } from '../testing/render';
import { choiceParam, patchParams, useUrlState } from './url-state';

/** Two filters set by one click, before the page renders the first; the URL it shows. */
function TwoFilters() {
  const { patch } = useUrlState();
  return (
    <>
      <button
        onClick={() => {
          patch({ actor: 'cora@vendor.example' });
          patch({ action: 'task.updated' });
        }}
      >
        Filter
      </button>
      <output>{useLocation().search}</output>
    </>
  );
}

describe('page state in the URL', () => {
  it('changes only the keys named, and removes a key set to null or empty', () => {
    const params = new URLSearchParams('days=14&q=acme&risk=1');
    expect(patchParams(params, { q: 'birch', risk: null, sort: '-mrr', abc: '' }).toString()).toBe(
      'days=14&q=birch&sort=-mrr',
    );
    expect(params.toString()).toBe('days=14&q=acme&risk=1');
  });

  it('reads a choice from a fixed list, else the fallback', () => {
    expect(choiceParam('14', [7, 14, 30] as const, 30)).toBe(14);
    expect(choiceParam(Number('14'), [7, 14, 30] as const, 30)).toBe(14);
    expect(choiceParam('15', [7, 14, 30] as const, 30)).toBe(30);
    expect(choiceParam(null, ['user', 'account'] as const, 'user')).toBe('user');
  });

  it('applies a second change made before the page renders the first', async () => {
    renderSignedIn(<TwoFilters />, { path: '/audit?limit=5' });
    await userEvent.click(screen.getByRole('button', { name: 'Filter' }));
    expect(screen.getByRole('status').textContent).toBe(
      '?limit=5&actor=cora%40vendor.example&action=task.updated',
    );
  });
});
