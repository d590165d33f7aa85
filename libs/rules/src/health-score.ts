/** What an account's health is computed from, as of one day. */
export interface HealthInput {
  /** Full days since its last action; null when it has none. */
  daysSinceLastSeen: number | null;
  activeUsers30d: number;
  users90d: number;
  keyFeaturesUsed30d: number;
  keyFeatures: number;
  events7d: number;
  /** Its average actions per 7 days over the 28 days before the last 7. */
  baselineEvents7d: number;
  openSignals: number;
}

export const HEALTH_COMPONENTS = ['recency', 'activeShare', 'breadth', 'trend', 'signals'] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];
export type HealthWeights = Record<HealthComponent, number>;

export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  recency: 30,
  activeShare: 25,
  breadth: 20,
  trend: 15,
  signals: 10,
};

const clamp = (x: number) => Math.max(0, Math.min(100, x));

/**
 * An account's health, 0 to 100, and each component's score so a CSM can see why. recency: 100 when seen
 * today, falling to 0 at 30 days; activeShare: users active in 30 days over users of 90 days; breadth: key
 * features used in 30 days over the key features (left out of the score when the project has none yet);
 * trend: the last 7 days' actions against the baseline (100 at or above it; without a baseline, 100 if there
 * were actions and 50 if not); signals: 100 less 20 per open signal.
 */
export function healthScore(
  input: HealthInput,
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
): { score: number; components: Record<HealthComponent, number> } {
  const components: Record<HealthComponent, number> = {
    recency: input.daysSinceLastSeen === null ? 0 : clamp(100 - (input.daysSinceLastSeen * 100) / 30),
    activeShare: input.users90d === 0 ? 0 : clamp((input.activeUsers30d * 100) / input.users90d),
    breadth: input.keyFeatures === 0 ? 0 : clamp((input.keyFeaturesUsed30d * 100) / input.keyFeatures),
    trend:
      input.baselineEvents7d === 0
        ? input.events7d > 0
          ? 100
          : 50
        : clamp((input.events7d * 100) / input.baselineEvents7d),
    signals: clamp(100 - 20 * input.openSignals),
  };
  const counted = HEALTH_COMPONENTS.filter((c) => c !== 'breadth' || input.keyFeatures > 0);
  const total = counted.reduce((sum, c) => sum + weights[c], 0);
  const score = total === 0 ? 0 : counted.reduce((sum, c) => sum + components[c] * weights[c], 0) / total;
  const rounded = Object.fromEntries(HEALTH_COMPONENTS.map((c) => [c, Math.round(components[c])]));
  return { score: Math.round(score), components: rounded as Record<HealthComponent, number> };
}
