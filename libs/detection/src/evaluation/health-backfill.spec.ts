import { DEFAULT_HEALTH_WEIGHTS, healthScore } from '@bindery/rules';
import { actionWindows, keyFeaturesByDay, scoreDays } from './health-backfill';

const SPAN = { firstDay: 20_000, lastDay: 20_001 };

describe('keyFeaturesByDay', () => {
  it('takes the project’s own list every day', () => {
    expect(keyFeaturesByDay(SPAN, ['export'], [])).toEqual([
      { features: ['export'], count: 1 },
      { features: ['export'], count: 1 },
    ]);
  });

  it('ranks by users, then by name in byte order, 10 at most, and leaves out features nobody used', () => {
    const features = Array.from({ length: 12 }, (_, i) => ({ feature: `f${i}`, users: [i, 12 - i] }));
    features.push({ feature: 'Zed', users: [11, 0] }, { feature: 'ábc', users: [0, 0] });
    const [first, second] = keyFeaturesByDay(SPAN, [], features);
    expect(first).toEqual({
      features: ['Zed', 'f11', 'f10', 'f9', 'f8', 'f7', 'f6', 'f5', 'f4', 'f3'],
      count: 10,
    });
    expect(second?.features.slice(0, 3)).toEqual(['f0', 'f1', 'f2']);
    expect(keyFeaturesByDay(SPAN, [], [{ feature: 'only', users: [0, 2] }])).toEqual([
      { features: [], count: 0 },
      { features: ['only'], count: 1 },
    ]);
  });
});

describe('actionWindows', () => {
  it('sums each day’s last 7 days and the 28 before them, as a count over the rows would', () => {
    const span = { firstDay: 20_040, lastDay: 20_049 };
    // Days from well before the span's reach to its last day, with counts that tell the days apart.
    const days: [number, number][] = Array.from({ length: 60 }, (_, k) => [19_990 + k, k + 1]);
    const [acme, only] = actionWindows(span, [
      { account_id: 'acme', days },
      { account_id: 'early', days: [[20_005, 9]] },
      { account_id: 'only', days: [[20_006, 3]] },
    ]);
    const sum = (from: number, to: number) =>
      days.filter(([d]) => d >= from && d <= to).reduce((total, [, n]) => total + n, 0);
    expect(acme).toEqual({
      account_id: 'acme',
      last7: Array.from({ length: 10 }, (_, i) => sum(20_040 + i - 6, 20_040 + i)),
      before28: Array.from({ length: 10 }, (_, i) => sum(20_040 + i - 34, 20_040 + i - 7)),
    });
    // 20,005 is 35 days before the span: in no day's windows. 20,006 is in the first day's 28 only.
    expect(only).toEqual({
      account_id: 'only',
      last7: new Array(10).fill(0),
      before28: [3, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    });
  });
});

describe('scoreDays', () => {
  it('scores accounts active in 90 days, and accounts whose MRR was set by the day’s end', () => {
    const [first, second] = scoreDays(
      SPAN,
      {
        users: [
          { account_id: 'acme', last_day: [20_000, 20_000], active30: [2, 2], users90: [4, 4] },
          { account_id: 'gone', last_day: [19_950, 0], active30: [0, 0], users90: [1, 0] },
        ],
        actions: [{ account_id: 'acme', last7: [14, 7], before28: [28, 28] }],
        featureRuns: [{ account_id: 'acme', feature: 'export', starts: [19_990], ends: [20_001] }],
        mrr: [{ account_id: 'paying', mrr: '"120"', set_at: (SPAN.lastDay + 1) * 86_400_000 - 1 }],
        openSignals: new Map([['acme', [1, 0]]]),
        sentiment: [
          { account_id: 'acme', points: [0, 150], people: [0, 2] },
          { account_id: 'paying', points: [50, 50], people: [1, 1] },
        ],
      },
      [
        { features: ['export', 'reports'], count: 2 },
        { features: ['export', 'reports'], count: 2 },
      ],
      { ...DEFAULT_HEALTH_WEIGHTS, sentiment: 10 },
    );
    expect(first?.day).toBe('2024-10-04');
    expect(first?.rows.map((r) => r.accountId)).toEqual(['acme', 'gone']);
    expect(first?.rows[0]).toEqual({
      accountId: 'acme',
      abc: 'C',
      ...healthScore({
        daysSinceLastSeen: 0,
        activeUsers30d: 2,
        users90d: 4,
        keyFeaturesUsed30d: 1,
        keyFeatures: 2,
        events7d: 14,
        baselineEvents7d: 7,
        openSignals: 1,
        sentiment: null,
      }),
    });
    expect(second?.rows.map((r) => [r.accountId, r.abc])).toEqual([
      ['acme', 'C'],
      ['paying', 'A'],
    ]);
    // The run of `export` ends before the second day; the signal was resolved by then.
    expect(second?.rows[0]?.components).toMatchObject({ breadth: 0, signals: 100, recency: 97 });
    expect(second?.rows[1]).toMatchObject({ components: { recency: 0, activeShare: 0, breadth: 0 } });
    // Sentiment: the mean of the people's latest answers, absent on a day nobody had answered.
    expect(first?.rows[0]?.components).not.toHaveProperty('sentiment');
    expect(second?.rows[0]?.components.sentiment).toBe(75);
    expect(second?.rows[1]?.components.sentiment).toBe(50);
  });
});
