import { healthComponentRows } from './health-components';

describe('healthComponentRows', () => {
  const components = { signals: 80, trend: 40, breadth: 0, activeShare: 75, recency: 100, extra: 5 };

  it('orders the known components as the score weighs them, unknown ones after', () => {
    expect(healthComponentRows(components).map((c) => [c.key, c.value])).toEqual([
      ['recency', 100],
      ['activeShare', 75],
      ['breadth', 0],
      ['trend', 40],
      ['signals', 80],
      ['extra', 5],
    ]);
  });

  it('gives each its share of the project weights, or none without them', () => {
    const weights = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 };
    const rows = healthComponentRows(components, weights);
    expect(rows.map((c) => c.weight)).toEqual([0.3, 0.25, 0.2, 0.15, 0.1, 0]);
    expect(healthComponentRows(components, null).every((c) => c.weight === null)).toBe(true);
    expect(healthComponentRows({ recency: 50 }, { recency: 0 })[0]!.weight).toBeNull();
  });

  it('shows sentiment after the others, and weighs only the components the score has', () => {
    const weights = { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10, sentiment: 100 };
    const rows = healthComponentRows({ ...components, sentiment: 40 }, weights);
    expect(rows.map((c) => [c.key, c.label, c.weight])).toContainEqual(['sentiment', 'Sentiment', 0.5]);
    expect(rows.map((c) => c.key).indexOf('sentiment')).toBe(5);
    // Without answers sentiment is left out of the score: the others share all of it.
    expect(healthComponentRows(components, weights).map((c) => c.weight)).toEqual([
      0.3, 0.25, 0.2, 0.15, 0.1, 0,
    ]);
  });
});
