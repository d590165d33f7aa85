/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { AtRiskLine } from '../../components/at-risk-line';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { type AccountFilter, NO_FILTER } from './account-rows';
import { AccountFilters } from './AccountFilters';

/** The filters as a page holds them; every change is also recorded. */
function Harness({ initial = NO_FILTER, seen }: { initial?: AccountFilter; seen: AccountFilter[] }) {
  const [filter, setFilter] = useState(initial);
  return (
    <AccountFilters
      filter={filter}
      csms={['ines@v.example', 'li@v.example']}
      onChange={(next) => {
        seen.push(next);
        setFilter(next);
      }}
    />
  );
}

describe('AccountFilters', () => {
  it('applies text, class, CSM and "at risk" as they change', async () => {
    const user = userEvent.setup();
    const seen: AccountFilter[] = [];
    render(
      <AtRiskLine.Provider value={50}>
        <Harness seen={seen} />
      </AtRiskLine.Provider>,
    );
    expect((screen.getByRole('button', { name: 'Clear filters' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(screen.getByLabelText('Search'), 'acme');
    await user.selectOptions(screen.getByLabelText('ABC class'), 'A');
    await user.selectOptions(screen.getByLabelText('CSM'), 'li@v.example');
    await user.click(screen.getByLabelText(/At risk/));

    expect(seen.at(-1)).toEqual({ text: 'acme', abc: 'A', csm: 'li@v.example', atRisk: true });
    expect(seen.map((f) => f.text).slice(0, 4)).toEqual(['a', 'ac', 'acm', 'acme']);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(seen.at(-1)).toEqual(NO_FILTER);
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('');
  });

  it('offers "no CSM" and keeps a CSM from the address that owns no account', () => {
    render(
      <AtRiskLine.Provider value={50}>
        <Harness seen={[]} initial={{ ...NO_FILTER, csm: 'gone@v.example' }} />
      </AtRiskLine.Provider>,
    );
    const csm = screen.getByLabelText('CSM') as HTMLSelectElement;
    expect(csm.value).toBe('gone@v.example');
    expect([...csm.options].map((o) => o.textContent)).toEqual([
      'All CSMs',
      'ines@v.example',
      'li@v.example',
      'gone@v.example',
      'No CSM',
    ]);
  });
});
