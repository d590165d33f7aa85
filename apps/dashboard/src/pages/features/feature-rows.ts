import type { FeatureResult } from '@bindery/contracts';

export type FeatureRow = FeatureResult['features'][number] & {
  /** Share of the feature's subjects that gave it up while staying active. */
  abandonedShare: number;
};

export function featureRows(result: FeatureResult): FeatureRow[] {
  return result.features.map((f) => ({
    ...f,
    abandonedShare: f.subjects > 0 ? f.abandoned / f.subjects : 0,
  }));
}

export const ABANDON_DAYS = [7, 14, 30] as const;
export type AbandonDays = (typeof ABANDON_DAYS)[number];
