/** @jest-environment jsdom */
import type { FeatureResult } from '@bindery/contracts';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { featureRows } from './feature-rows';
import { FeatureTable } from './FeatureTable';

const RESULT: FeatureResult = {
  activeSubjects: 1000,
  features: [
    {
      feature: 'reports',
      name: 'Reports',
      subjects: 900,
      shareOfActive: 0.9,
      firstUsedAt: '2026-10-25T00:01:00.000Z',
      repeatRate: 0.97,
      abandoned: 9,
      weekly: [300, 420, 510, 480, 610],
    },
    {
      feature: 'alerts',
      name: 'alerts',
      subjects: 200,
      shareOfActive: 0.2,
      firstUsedAt: '2026-10-26T00:08:00.000Z',
      repeatRate: 0.59,
      abandoned: 80,
    },
  ],
};

const column = (index: number) =>
  within(screen.getByRole('table', { name: 'Feature adoption' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => r.querySelectorAll('td')[index]!.textContent);

describe('FeatureTable', () => {
  it('shows adoption, repeat use and abandonment per feature by its display name, most used first', () => {
    render(<FeatureTable rows={featureRows(RESULT)} aggregateBy="user" />);
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Feature',
      'People ▼',
      'Share of active',
      'First used ever',
      'Repeat use',
      'Abandoned',
      'Abandon rate',
      'Weekly trend',
    ]);
    expect(column(0)).toEqual(['Reports (reports)', 'alerts']);
    expect(column(2)).toEqual(['90%', '20%']);
    expect(column(3)).toEqual(['25 Oct 2026', '26 Oct 2026']);
    expect(column(6)).toEqual(['1.0%', '40%']);
    expect(
      screen.getByRole('img', { name: 'Reports, people per week: 300, 420, 510, 480, 610' }),
    ).toBeTruthy();
    expect(column(7)).toEqual(['', '—']);
  });

  it('sorts by abandon rate from its header button', async () => {
    const user = userEvent.setup();
    render(<FeatureTable rows={featureRows(RESULT)} aggregateBy="account" />);
    await user.click(screen.getByRole('button', { name: /Abandon rate/ }));
    expect(column(0)).toEqual(['alerts', 'Reports (reports)']);
    expect(screen.getByRole('columnheader', { name: /Abandon rate/ }).getAttribute('aria-sort')).toBe(
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: /Accounts/ })).toBeTruthy();
  });

  it('shows each feature’s subjects in the previous period and the change, when comparing', () => {
    const previous: FeatureResult = {
      activeSubjects: 800,
      features: [{ ...RESULT.features[0]!, subjects: 750, weekly: undefined }],
    };
    render(<FeatureTable rows={featureRows(RESULT)} aggregateBy="user" previous={previous} />);
    expect(screen.getByRole('columnheader', { name: /Previous period/ })).toBeTruthy();
    expect(column(2)).toEqual(['+20% vs 750 before', 'new vs 0 before']);
  });
});
