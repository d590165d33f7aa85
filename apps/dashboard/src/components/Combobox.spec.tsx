/** @jest-environment jsdom */
import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Combobox, matchOptions, type Suggestion } from './Combobox';

const OPTIONS: Suggestion[] = [
  { name: 'Feature Used', hint: '53,652 events' },
  { name: 'Signed Up', hint: '2,851 events' },
  { name: 'Project Created' },
  { name: 'Report Shared' },
];

function Picker({ onPick = () => {} }: { onPick?: (v: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <Combobox
      label="Step 1"
      placeholder="Pick an event"
      value={value}
      options={OPTIONS}
      onChange={(v) => {
        setValue(v);
        onPick(v);
      }}
    />
  );
}

describe('Combobox', () => {
  it('matches names case-insensitively anywhere in the name', () => {
    expect(matchOptions(OPTIONS, 'ED').map((o) => o.name)).toEqual([
      'Feature Used',
      'Signed Up',
      'Project Created',
      'Report Shared',
    ]);
    expect(matchOptions(OPTIONS, ' shar ').map((o) => o.name)).toEqual(['Report Shared']);
  });

  it('suggests the events that match what is typed, and picks one with a click', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Step 1' });
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await user.type(input, 'sig');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Signed Up2,851 events']);

    await user.click(screen.getByRole('option', { name: /Signed Up/ }));
    expect((input as HTMLInputElement).value).toBe('Signed Up');
    expect(screen.queryByRole('option')).toBeNull();
  });

  it('moves through the suggestions with the arrows, picks with Enter and closes with Escape', async () => {
    const user = userEvent.setup();
    const picked: string[] = [];
    render(<Picker onPick={(v) => picked.push(v)} />);
    const input = screen.getByRole('combobox', { name: 'Step 1' });
    input.focus();

    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    const active = screen.getAllByRole('option')[1]!;
    expect(active.getAttribute('aria-selected')).toBe('true');
    expect(input.getAttribute('aria-activedescendant')).toBe(active.id);

    await user.keyboard('{Enter}');
    expect(picked.at(-1)).toBe('Signed Up');
    expect(input.getAttribute('aria-expanded')).toBe('false');

    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await user.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('accepts a name that is not suggested', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const input = screen.getByRole('combobox', { name: 'Step 1' });
    await user.type(input, 'Checkout Started{Enter}');
    expect((input as HTMLInputElement).value).toBe('Checkout Started');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('takes its name from a label of the caller’s that points at its id', async () => {
    const user = userEvent.setup();
    render(
      <>
        <label htmlFor="feature">Feature</label>
        <Combobox
          id="feature"
          aria-describedby="feature-help"
          required
          value="rep"
          options={OPTIONS}
          onChange={() => {}}
        />
        <small id="feature-help">The feature property of an event</small>
      </>,
    );
    const input = screen.getByRole('combobox', { name: 'Feature' });
    expect(input.getAttribute('aria-describedby')).toBe('feature-help');
    expect((input as HTMLInputElement).required).toBe(true);
    await user.click(input);
    expect(screen.getByRole('listbox', { name: 'Suggestions' })).toBeTruthy();
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Report Shared']);
  });
});
