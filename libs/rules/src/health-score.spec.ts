import {
  compareUtf8,
  DEFAULT_HEALTH_WEIGHTS,
  HEALTH_COMPONENTS,
  healthBasis,
  type HealthInput,
  healthScore,
  type HealthWeights,
  keyFeaturesOf,
  sentimentPoints,
} from './health-score';

/** An account healthy on every count. */
const HEALTHY: HealthInput = {
  daysSinceLastSeen: 0,
  activeUsers30d: 10,
  users90d: 10,
  keyFeaturesUsed30d: 4,
  keyFeatures: 4,
  events7d: 70,
  baselineEvents7d: 70,
  openSignals: 0,
  sentiment: null,
};

const only = (component: keyof HealthWeights): HealthWeights => ({
  recency: 0,
  activeShare: 0,
  breadth: 0,
  trend: 0,
  signals: 0,
  sentiment: 0,
  [component]: 1,
});

const components = (input: Partial<HealthInput>) => healthScore({ ...HEALTHY, ...input }).components;

describe('healthScore', () => {
  it('weighs recency 30, active share 25, breadth 20, trend 15, signals 10 and sentiment 0', () => {
    expect(HEALTH_COMPONENTS).toEqual(['recency', 'activeShare', 'breadth', 'trend', 'signals', 'sentiment']);
    expect(DEFAULT_HEALTH_WEIGHTS).toEqual({
      recency: 30,
      activeShare: 25,
      breadth: 20,
      trend: 15,
      signals: 10,
      sentiment: 0,
    });
  });

  it('is 100 for an account healthy on every count', () => {
    expect(healthScore(HEALTHY)).toEqual({
      score: 100,
      components: { recency: 100, activeShare: 100, breadth: 100, trend: 100, signals: 100 },
    });
  });

  it('is the weighted mean of the components', () => {
    const input: HealthInput = {
      daysSinceLastSeen: 3,
      activeUsers30d: 3,
      users90d: 4,
      keyFeaturesUsed30d: 1,
      keyFeatures: 4,
      events7d: 35,
      baselineEvents7d: 70,
      openSignals: 1,
      sentiment: null,
    };
    // (30 × 90 + 25 × 75 + 20 × 25 + 15 × 50 + 10 × 80) / 100 = 66.25
    expect(healthScore(input)).toEqual({
      score: 66,
      components: { recency: 90, activeShare: 75, breadth: 25, trend: 50, signals: 80 },
    });
  });

  it('takes other weights, which need not add up to 100', () => {
    const weights: HealthWeights = {
      recency: 1,
      activeShare: 0,
      breadth: 0,
      trend: 0,
      signals: 3,
      sentiment: 0,
    };
    // (1 × 50 + 3 × 40) / 4 = 42.5, rounded half up
    expect(healthScore({ ...HEALTHY, daysSinceLastSeen: 15, openSignals: 3 }, weights).score).toBe(43);
  });

  it('is 0 when every weight is 0', () => {
    const zero: HealthWeights = {
      recency: 0,
      activeShare: 0,
      breadth: 0,
      trend: 0,
      signals: 0,
      sentiment: 0,
    };
    expect(healthScore(HEALTHY, zero)).toEqual({
      score: 0,
      components: { recency: 100, activeShare: 100, breadth: 100, trend: 100, signals: 100 },
    });
  });

  it('weighs the components before rounding them', () => {
    // recency 100 and active share 66.67 (shown as 67): the mean is 83.33, not (100 + 67) / 2 = 83.5.
    const weights: HealthWeights = {
      recency: 1,
      activeShare: 1,
      breadth: 0,
      trend: 0,
      signals: 0,
      sentiment: 0,
    };
    const result = healthScore({ ...HEALTHY, activeUsers30d: 2, users90d: 3 }, weights);
    expect(result).toEqual({
      score: 83,
      components: { recency: 100, activeShare: 67, breadth: 100, trend: 100, signals: 100 },
    });
  });

  describe('recency', () => {
    it('falls from 100 when seen today to 0 at 30 days', () => {
      expect([0, 1, 3, 15, 29, 30].map((d) => components({ daysSinceLastSeen: d }).recency)).toEqual([
        100, 97, 90, 50, 3, 0,
      ]);
    });

    it('stays 0 after 30 days and is 0 for an account never seen', () => {
      expect(components({ daysSinceLastSeen: 45 }).recency).toBe(0);
      expect(components({ daysSinceLastSeen: null }).recency).toBe(0);
      expect(healthScore({ ...HEALTHY, daysSinceLastSeen: 45 }, only('recency')).score).toBe(0);
    });
  });

  describe('activeShare', () => {
    it('is the share of the users of 90 days active in the last 30', () => {
      expect(components({ activeUsers30d: 3, users90d: 4 }).activeShare).toBe(75);
      expect(components({ activeUsers30d: 0, users90d: 4 }).activeShare).toBe(0);
    });

    it('is 0 without users in 90 days', () => {
      expect(components({ activeUsers30d: 0, users90d: 0 }).activeShare).toBe(0);
    });

    it('is at most 100', () => {
      expect(components({ activeUsers30d: 5, users90d: 4 }).activeShare).toBe(100);
      expect(healthScore({ ...HEALTHY, activeUsers30d: 5, users90d: 4 }, only('activeShare')).score).toBe(
        100,
      );
    });
  });

  describe('breadth', () => {
    it('is the share of the key features used in 30 days', () => {
      expect(components({ keyFeaturesUsed30d: 1, keyFeatures: 3 }).breadth).toBe(33);
      expect(components({ keyFeaturesUsed30d: 2, keyFeatures: 3 }).breadth).toBe(67);
    });

    it('is 0 when the project has no key features', () => {
      expect(components({ keyFeaturesUsed30d: 0, keyFeatures: 0 }).breadth).toBe(0);
    });

    it('is at most 100', () => {
      expect(components({ keyFeaturesUsed30d: 5, keyFeatures: 4 }).breadth).toBe(100);
    });
  });

  describe('trend', () => {
    it('is the last 7 days against the baseline, at most 100', () => {
      expect(components({ events7d: 35, baselineEvents7d: 70 }).trend).toBe(50);
      expect(components({ events7d: 0, baselineEvents7d: 70 }).trend).toBe(0);
      expect(components({ events7d: 70, baselineEvents7d: 70 }).trend).toBe(100);
      expect(components({ events7d: 140, baselineEvents7d: 70 }).trend).toBe(100);
      expect(components({ events7d: 1, baselineEvents7d: 0.5 }).trend).toBe(100);
    });

    it('is 50 with neither a baseline nor recent actions', () => {
      expect(components({ events7d: 0, baselineEvents7d: 0 }).trend).toBe(50);
    });

    it('is 100 with recent actions but no baseline', () => {
      expect(components({ events7d: 1, baselineEvents7d: 0 }).trend).toBe(100);
    });
  });

  describe('signals', () => {
    it('loses 20 per open signal down to 0', () => {
      expect([0, 1, 2, 4, 5, 6].map((n) => components({ openSignals: n }).signals)).toEqual([
        100, 80, 60, 20, 0, 0,
      ]);
      expect(healthScore({ ...HEALTHY, openSignals: 6 }, only('signals')).score).toBe(0);
    });
  });

  describe('sentiment', () => {
    it('maps NPS 0–10 and CSAT 1–5 onto 0–100', () => {
      expect([0, 3, 10].map((s) => sentimentPoints('nps', s))).toEqual([0, 30, 100]);
      expect([1, 2, 3, 4, 5].map((c) => sentimentPoints('csat', c))).toEqual([0, 25, 50, 75, 100]);
    });

    it('counts with its weight once the account has answers', () => {
      const weights = { ...DEFAULT_HEALTH_WEIGHTS, sentiment: 100 };
      // (100 × 100 + 100 × 30) / 200 = 65
      expect(healthScore({ ...HEALTHY, sentiment: 30 }, weights)).toEqual({
        score: 65,
        components: { recency: 100, activeShare: 100, breadth: 100, trend: 100, signals: 100, sentiment: 30 },
      });
      expect(components({ sentiment: 62.5 }).sentiment).toBe(63);
    });

    it('is left out of the score and the components without answers: no penalty for not being asked', () => {
      const weights = { ...DEFAULT_HEALTH_WEIGHTS, sentiment: 100 };
      const input = { ...HEALTHY, daysSinceLastSeen: 15 };
      expect(healthScore(input, weights)).toEqual(healthScore(input));
      expect(healthScore(input, weights).components).not.toHaveProperty('sentiment');
    });

    it('changes no score at its default weight of 0', () => {
      const input = { ...HEALTHY, daysSinceLastSeen: 15 };
      expect(healthScore({ ...input, sentiment: 0 }).score).toBe(healthScore(input).score);
    });
  });

  it('is 0 for an account never seen, with no users, no key features and five open signals, but for trend', () => {
    const empty: HealthInput = {
      daysSinceLastSeen: null,
      activeUsers30d: 0,
      users90d: 0,
      keyFeaturesUsed30d: 0,
      keyFeatures: 0,
      events7d: 0,
      baselineEvents7d: 0,
      openSignals: 5,
      sentiment: null,
    };
    // Only trend scores, and breadth is left out without key features: 15 × 50 / 80 = 9.375
    expect(healthScore(empty)).toEqual({
      score: 9,
      components: { recency: 0, activeShare: 0, breadth: 0, trend: 50, signals: 0 },
    });
  });
});

describe('healthBasis', () => {
  it('changes with any weight or the set of key features, not with their order', () => {
    const basis = healthBasis(DEFAULT_HEALTH_WEIGHTS, ['export', 'reports']);
    expect(healthBasis(DEFAULT_HEALTH_WEIGHTS, ['reports', 'export'])).toBe(basis);
    expect(healthBasis({ ...DEFAULT_HEALTH_WEIGHTS, trend: 16 }, ['export', 'reports'])).not.toBe(basis);
    expect(healthBasis({ ...DEFAULT_HEALTH_WEIGHTS, sentiment: 5 }, ['export', 'reports'])).not.toBe(basis);
    expect(healthBasis(DEFAULT_HEALTH_WEIGHTS, ['export'])).not.toBe(basis);
    expect(healthBasis(DEFAULT_HEALTH_WEIGHTS, [])).not.toBe(healthBasis(DEFAULT_HEALTH_WEIGHTS, ['export']));
  });
});

describe('keyFeaturesOf', () => {
  it('is the project’s list, else its 10 features with the most users, ties by UTF-8 bytes', () => {
    expect(keyFeaturesOf(['b', 'a'], [{ feature: 'c', users: 9 }])).toEqual(['b', 'a']);
    const usage = [
      { feature: 'ä', users: 5 },
      { feature: 'z', users: 5 },
      { feature: 'Z', users: 5 },
      { feature: 'none', users: 0 },
      ...Array.from({ length: 9 }, (_, i) => ({ feature: `f${i}`, users: 10 + i })),
    ];
    expect(keyFeaturesOf([], usage)).toEqual(['f8', 'f7', 'f6', 'f5', 'f4', 'f3', 'f2', 'f1', 'f0', 'Z']);
    expect(keyFeaturesOf([], usage.slice(0, 4))).toEqual(['Z', 'z', 'ä']);
    expect(compareUtf8('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });
});
