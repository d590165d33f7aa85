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
  /**
   * The mean of its people's latest survey answers of the {@link SENTIMENT_DAYS} days up to the day, each on
   * the 0–100 scale of {@link sentimentPoints}; null when none of them answered in those days.
   */
  sentiment: number | null;
}

export const HEALTH_COMPONENTS = [
  'recency',
  'activeShare',
  'breadth',
  'trend',
  'signals',
  'sentiment',
] as const;
export type HealthComponent = (typeof HEALTH_COMPONENTS)[number];
export type HealthWeights = Record<HealthComponent, number>;
/** A score's components, whole numbers 0–100; sentiment only for an account with answers to count. */
export type HealthComponentScores = Record<Exclude<HealthComponent, 'sentiment'>, number> & {
  sentiment?: number;
};

/** Sentiment weighs 0 until a project gives it a weight, so that surveys change no score unasked. */
export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  recency: 30,
  activeShare: 25,
  breadth: 20,
  trend: 15,
  signals: 10,
  sentiment: 0,
};

/** How far back a person's latest survey answer counts for sentiment, in days up to and including the day. */
export const SENTIMENT_DAYS = 180;

/** The survey kinds whose answers make sentiment (open questions have no score). */
export type SentimentKind = 'nps' | 'csat';

/** An answer on the 0–100 scale of sentiment: NPS 0–10 times 10, CSAT 1–5 as (score − 1) × 25. */
export function sentimentPoints(kind: SentimentKind, score: number): number {
  return kind === 'nps' ? score * 10 : (score - 1) * 25;
}

const clamp = (x: number) => Math.max(0, Math.min(100, x));

/** Whether a component counts for the score: breadth once there are key features, sentiment once answered. */
const counts = (input: HealthInput, c: HealthComponent) =>
  c === 'breadth' ? input.keyFeatures > 0 : c === 'sentiment' ? input.sentiment !== null : true;

/** Each component's score, 0 to 100, unrounded (see {@link healthScore}). */
export function healthComponents(input: HealthInput): Record<HealthComponent, number> {
  return {
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
    sentiment: input.sentiment === null ? 0 : clamp(input.sentiment),
  };
}

/**
 * Each component's share of the score: its weight over the weights counted (breadth only when the project has
 * key features, sentiment only when the account has answers). The score is the sum of shares × components,
 * rounded.
 */
export function healthShares(
  input: HealthInput,
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
): Record<HealthComponent, number> {
  const total = HEALTH_COMPONENTS.filter((c) => counts(input, c)).reduce((sum, c) => sum + weights[c], 0);
  return Object.fromEntries(
    HEALTH_COMPONENTS.map((c) => [c, total === 0 || !counts(input, c) ? 0 : weights[c] / total]),
  ) as Record<HealthComponent, number>;
}

/**
 * An account's health, 0 to 100, and each component's score so a CSM can see why. recency: 100 when seen
 * today, falling to 0 at 30 days; activeShare: users active in 30 days over users of 90 days; breadth: key
 * features used in 30 days over the key features (left out of the score when the project has none yet);
 * trend: the last 7 days' actions against the baseline (100 at or above it; without a baseline, 100 if there
 * were actions and 50 if not); signals: 100 less 20 per open signal; sentiment: the people's latest survey
 * answers (left out of the score, and of the components, when none answered: never a penalty for not being
 * asked).
 */
export function healthScore(
  input: HealthInput,
  weights: HealthWeights = DEFAULT_HEALTH_WEIGHTS,
): { score: number; components: HealthComponentScores } {
  const components = healthComponents(input);
  const counted = HEALTH_COMPONENTS.filter((c) => counts(input, c));
  const total = counted.reduce((sum, c) => sum + weights[c], 0);
  const score = total === 0 ? 0 : counted.reduce((sum, c) => sum + components[c] * weights[c], 0) / total;
  const shown = HEALTH_COMPONENTS.filter((c) => c !== 'sentiment' || input.sentiment !== null);
  const rounded = Object.fromEntries(shown.map((c) => [c, Math.round(components[c])]));
  return { score: Math.round(score), components: rounded as HealthComponentScores };
}

/** Orders strings as ClickHouse does, by their UTF-8 bytes (the same as by code points). */
export function compareUtf8(a: string, b: string): number {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);

    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The key features of a day: the project's own list, or else its 10 features with the most users in the 30
 * days up to the day (ties by name), as many of those as have any.
 */
export function keyFeaturesOf(chosen: string[], usage: { feature: string; users: number }[]): string[] {
  if (chosen.length) return chosen;
  return usage
    .filter((f) => f.users > 0)
    .sort((a, b) => b.users - a.users || compareUtf8(a.feature, b.feature))
    .slice(0, 10)
    .map((f) => f.feature);
}

/** Bumped when the way health is computed changes, so stored histories are recomputed with the new way. */
const HEALTH_FORMULA_VERSION = 2;

/**
 * What a stored health history depends on besides the events: the formula, the weights and the key features
 * (in any order). A history whose basis differs from the project's current one is recomputed.
 */
export function healthBasis(weights: HealthWeights, keyFeatures: readonly string[]): string {
  return JSON.stringify({
    formula: HEALTH_FORMULA_VERSION,
    weights: HEALTH_COMPONENTS.map((c) => weights[c]),
    keyFeatures: [...keyFeatures].sort(),
  });
}
