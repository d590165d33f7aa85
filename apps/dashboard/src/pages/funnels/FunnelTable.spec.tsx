/** @jest-environment jsdom */
import type { FunnelStepResult } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stepRows } from './funnel-result';
import { FunnelTable } from './FunnelTable';

const step = (event: string, count: number, dropOff: number, median: number | null): FunnelStepResult => ({
  event,
  count,
  conversionFromPrevious: 0,
  conversionFromFirst: count / 1000,
  dropOff,
  medianSecondsToConvert: median,
  avgSecondsToConvert: median,
});

const STEPS = [
  step('Signed Up', 1000, 150, null),
  step('Project Created', 850, 850 - 300, 5_400),
  step('Invite Sent', 300, 0, 36_000),
  step('Report Shared', 300, 0, 54_000),
];

describe('stepRows', () => {
  it('adds the step number, the drop-off share and who went on from the step (its bar’s solid part)', () => {
    expect(
      stepRows(STEPS).map(({ step, dropOffShare, wentOn, last }) => ({
        step,
        dropOffShare,
        wentOn,
        last,
      })),
    ).toEqual([
      { step: 1, dropOffShare: 0.15, wentOn: 850, last: false },
      { step: 2, dropOffShare: 550 / 850, wentOn: 300, last: false },
      { step: 3, dropOffShare: 0, wentOn: 300, last: false },
      { step: 4, dropOffShare: 0, wentOn: 300, last: true },
    ]);
  });
});

describe('FunnelTable', () => {
  it('reads each step’s numbers and opens a drop-off list from its button', async () => {
    const user = userEvent.setup();
    const opened: number[] = [];
    render(
      <FunnelTable
        rows={stepRows(STEPS)}
        aggregateBy="user"
        selected={null}
        onDropoff={(s) => opened.push(s)}
      />,
    );

    const rows = within(screen.getByRole('table', { name: 'Funnel steps' })).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Step', 'People', 'From first', 'From previous', 'Dropped off', 'Median time from previous'],
      ['1. Signed Up', '1,000', '100%', '—', '150 (15%)', '—'],
      ['2. Project Created', '850', '85%', '0%', '550 (65%)', '1h 30m'],
      ['3. Invite Sent', '300', '30%', '0%', '0', '10h'],
      ['4. Report Shared', '300', '30%', '0%', 'completed', '15h'],
    ]);

    const button = screen.getByRole('button', { name: 'Who stopped at step 2: 550 people' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    await user.click(button);
    expect(opened).toEqual([2]);
    expect(screen.getAllByRole('button')).toHaveLength(2);
  });

  it('says accounts when the funnel counts accounts, and marks the open list', () => {
    render(<FunnelTable rows={stepRows(STEPS)} aggregateBy="account" selected={1} onDropoff={() => {}} />);
    expect(screen.getByRole('columnheader', { name: 'Accounts' })).toBeTruthy();
    const button = screen.getByRole('button', { name: 'Who stopped at step 1: 150 accounts' });
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-controls')).toBe('funnel-dropoffs');
  });
});
