import type { ResolvedProjectSettings } from '@bindery/contracts';

/** A health component, as the project's weights name it. */
export type HealthComponentKey = keyof ResolvedProjectSettings['healthWeights'];

/** What each health component measures, in the order the rules worker weighs them (most first). */
export const HEALTH_COMPONENT_INFO: { key: HealthComponentKey; label: string; about: string }[] = [
  { key: 'recency', label: 'Recency', about: '100 when active today, 0 after 30 quiet days' },
  { key: 'activeShare', label: 'Active share', about: 'Users active in 30 days of the users of 90 days' },
  { key: 'breadth', label: 'Breadth', about: 'Key features used in the last 30 days' },
  { key: 'trend', label: 'Trend', about: 'Last 7 days’ actions against the 4 weeks before' },
  { key: 'signals', label: 'Signals', about: '100 less 20 for each open signal' },
  {
    key: 'sentiment',
    label: 'Sentiment',
    about: 'People’s latest NPS or CSAT answers of 180 days (NPS 7 is 70, CSAT 4 is 75)',
  },
];

export interface HealthComponentRow {
  key: string;
  label: string;
  about: string;
  /** 0–100. */
  value: number;
  /** The component's share of the score, from the project's weights; null when they are not known. */
  weight: number | null;
}

/**
 * The components of a score in a stable order, known ones first, each with its share of the weights of the
 * components it has (sentiment is absent, and not counted, for an account without survey answers).
 */
export function healthComponentRows(
  components: Record<string, number>,
  weights?: Record<string, number> | null,
): HealthComponentRow[] {
  const total = weights
    ? Object.entries(weights).reduce((sum, [key, w]) => (key in components ? sum + w : sum), 0)
    : 0;
  const known = HEALTH_COMPONENT_INFO.filter((k) => k.key in components);
  const other = Object.keys(components)
    .filter((key) => !HEALTH_COMPONENT_INFO.some((k) => k.key === key))
    .sort()
    .map((key) => ({ key, label: key, about: '' }));
  return [...known, ...other].map((c) => ({
    ...c,
    value: components[c.key]!,
    weight: weights && total > 0 ? (weights[c.key] ?? 0) / total : null,
  }));
}
