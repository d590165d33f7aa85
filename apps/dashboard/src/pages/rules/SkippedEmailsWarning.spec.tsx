/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { Rule, TrainingContent } from '@bindery/contracts';
import { renderSignedIn } from '../../testing/render';
import { SkippedEmailsWarning } from './SkippedEmailsWarning';

const rule = (id: string, feature: string, enabled = true) =>
  ({
    id,
    name: `Never tried ${feature}`,
    type: 'never_adopted',
    scope: 'user',
    params: { feature, days: 7 },
    actions: [{ kind: 'email', template: 'try-it' }],
    cooldownHours: 24,
    enabled,
    holdoutPct: 0,
    goal: { event: '$feature', goalDays: 14 },
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  }) as Rule;
const content = (key: string) =>
  ({ id: key, key, title: key, url: 'https://x.example', summary: '' }) as TrainingContent;

describe('SkippedEmailsWarning', () => {
  it('names each enabled rule whose emails lack content, with what to add', () => {
    renderSignedIn(
      <SkippedEmailsWarning
        rules={[rule('r1', 'export'), rule('r2', 'alerts'), rule('r3', 'search', false)]}
        funnels={[]}
        content={[content('alerts')]}
      />,
      { path: '/content' },
    );
    expect(screen.getByRole('note').textContent).toContain(
      'Never tried export lacks content for the feature “export”.',
    );
    expect(screen.queryByText(/Never tried alerts/)).toBeNull();
    expect(screen.queryByText(/Never tried search/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Never tried export' }).getAttribute('href')).toBe(
      '/rules?edit=r1',
    );
  });

  it('says nothing when every rule has its content', () => {
    const { container } = renderSignedIn(
      <SkippedEmailsWarning rules={[rule('r1', 'export')]} funnels={[]} content={[content('export')]} />,
    );
    expect(container.textContent).toBe('');
  });
});
