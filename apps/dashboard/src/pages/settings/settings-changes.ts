import type { BrandSettings, ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { HEALTH_COMPONENT_INFO, type HealthComponentKey } from '../accounts/health-components';

export const BRAND_FIELDS = [
  'logoUrl',
  'primaryColor',
  'senderName',
  'senderAddress',
  'postalAddress',
] as const;
export type BrandField = (typeof BRAND_FIELDS)[number];
/** The brand form as typed: every field a string, empty for one the project does not set. */
export type BrandDraft = Record<BrandField, string>;
/** A brand field's new value, or null for one emptied (left out of the brand: its default applies). */
export type BrandChanges = Partial<Record<BrandField, string | null>>;

export type HealthWeights = ResolvedProjectSettings['healthWeights'];
/** The weights form as typed: text, so that a field can be empty while editing. */
export type WeightsDraft = Record<HealthComponentKey, string>;

export const WEIGHT_KEYS: HealthComponentKey[] = HEALTH_COMPONENT_INFO.map((c) => c.key);

export function brandDraft(brand: BrandSettings): BrandDraft {
  return Object.fromEntries(BRAND_FIELDS.map((f) => [f, brand[f] ?? ''])) as BrandDraft;
}

/** The fields whose value the draft changes from `saved`; values are trimmed, an empty one is no value. */
export function brandChanges(saved: BrandSettings, draft: BrandDraft): BrandChanges {
  const changes: BrandChanges = {};
  for (const field of BRAND_FIELDS) {
    const value = draft[field].trim() || null;
    if (value !== (saved[field] ?? null)) changes[field] = value;
  }
  return changes;
}

/** The brand to send: the latest brand with the changes applied, its other fields as they are. */
export function withBrandChanges(latest: ProjectSettings, changes: BrandChanges): { brand: BrandSettings } {
  const brand: BrandSettings = { ...latest.brand };
  for (const field of BRAND_FIELDS) {
    const value = changes[field];
    if (value === null) delete brand[field];
    else if (value !== undefined) brand[field] = value;
  }
  return { brand };
}

export function weightsDraft(weights: HealthWeights): WeightsDraft {
  return Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(weights[k])])) as WeightsDraft;
}

/**
 * The draft's weights as numbers, for the API to check (a range, a whole number); a field left empty, which the
 * API would read as 0, is named as the missing one instead.
 */
export function parseWeights(
  draft: WeightsDraft,
): { weights: HealthWeights; missing?: undefined } | { weights?: undefined; missing: HealthComponentKey } {
  const missing = WEIGHT_KEYS.find((k) => draft[k].trim() === '');
  if (missing) return { missing };
  return { weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, Number(draft[k])])) as HealthWeights };
}

/** The weights that differ from `saved`. */
export function weightChanges(saved: HealthWeights, weights: HealthWeights): Partial<HealthWeights> {
  return Object.fromEntries(WEIGHT_KEYS.filter((k) => weights[k] !== saved[k]).map((k) => [k, weights[k]]));
}

/** The weights to send: the latest weights with the changed ones applied, the others as they are. */
export function withWeightChanges(
  latest: ProjectSettings,
  changes: Partial<HealthWeights>,
): Pick<ProjectSettings, 'healthWeights'> {
  return { healthWeights: { ...latest.healthWeights, ...changes } };
}

/**
 * Each weight's share of their sum, for the draft as typed (a field that is not a number counts 0); all null
 * when the sum is 0 (every score would be 0).
 */
export function weightShares(draft: WeightsDraft): {
  sum: number;
  shares: Record<HealthComponentKey, number | null>;
} {
  const value = (k: HealthComponentKey) => {
    const n = Number(draft[k]);
    return draft[k].trim() !== '' && Number.isFinite(n) && n > 0 ? n : 0;
  };
  const sum = WEIGHT_KEYS.reduce((total, k) => total + value(k), 0);
  const shares = Object.fromEntries(WEIGHT_KEYS.map((k) => [k, sum > 0 ? value(k) / sum : null]));
  return { sum, shares: shares as Record<HealthComponentKey, number | null> };
}

/**
 * The settings field an API refusal is about, as its message names it first ("body.brand.primaryColor must
 * match …", "brand.senderAddress must be …" → "brand.primaryColor", "brand.senderAddress"); undefined when the
 * message names none of `fields`.
 */
export function refusedField<F extends string>(message: string, fields: readonly F[]): F | undefined {
  const named = /^(?:body\.)?([A-Za-z]+(?:\.[A-Za-z0-9]+)*) /.exec(message)?.[1];
  return fields.find((f) => f === named);
}
