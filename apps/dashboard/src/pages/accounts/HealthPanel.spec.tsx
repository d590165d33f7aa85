/** @jest-environment jsdom */
import { screen } from '@testing-library/react';
import type { AccountSummary } from '@bindery/contracts';
import { HealthPanel } from './HealthPanel';
import { renderSignedIn } from '../../testing/render';

const WEIGHTS = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10, sentiment: 100 };
const settings = { 'GET settings': { body: { healthWeights: WEIGHTS, keyFeatures: [] } } };
const health = (components: Record<string, number>): AccountSummary['health'] => ({
  day: '2026-12-05',
  score: 61,
  abc: 'B',
  components: { recency: 90, activeShare: 75, breadth: 50, trend: 40, signals: 100, ...components },
});

describe('HealthPanel', () => {
  it('shows sentiment with its label and its share of the score', async () => {
    renderSignedIn(<HealthPanel health={health({ sentiment: 30 })} />, { api: settings });

    const meter = await screen.findByRole('meter', { name: 'Sentiment' });
    expect(meter.getAttribute('aria-valuenow')).toBe('30');
    await screen.findByText(/People’s latest NPS or CSAT answers of 180 days .* · weighs 50%/);
    expect(screen.queryByText(/no survey answers/)).toBeNull();
  });

  it('says sentiment is left out when the account has no answers and the project weighs it', async () => {
    renderSignedIn(<HealthPanel health={health({})} />, { api: settings });

    await screen.findByText(
      'Sentiment: no survey answers in the last 180 days, so it is left out of the score.',
    );
    expect(screen.queryByRole('meter', { name: 'Sentiment' })).toBeNull();
  });
});
