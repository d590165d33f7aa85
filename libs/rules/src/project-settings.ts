import {
  DEFAULT_AT_RISK_BELOW,
  DEFAULT_TIME_ZONE,
  type ProjectSettings,
  type ResolvedProjectSettings,
} from '@bindery/contracts';
import { DEFAULT_HEALTH_WEIGHTS } from './health-score';

/** The settings a project starts with. */
export const DEFAULT_PROJECT_SETTINGS: ResolvedProjectSettings = {
  healthWeights: DEFAULT_HEALTH_WEIGHTS,
  keyFeatures: [],
  emailFrequencyHours: 72,
  atRiskBelow: DEFAULT_AT_RISK_BELOW,
  digestHourUtc: 8,
  defaultAssignee: null,
  csms: [],
  csmDomains: [],
  features: [],
  webhook: null,
  timeZone: DEFAULT_TIME_ZONE,
  brand: {},
  openTracking: false,
};

/** A project's stored settings with defaults for what it never set. */
export function withDefaultSettings(stored: Partial<ProjectSettings> | undefined): ResolvedProjectSettings {
  const defined = Object.fromEntries(Object.entries(stored ?? {}).filter(([, v]) => v !== undefined));
  // Weights saved before a component existed (sentiment) give it its default.
  const healthWeights = { ...DEFAULT_HEALTH_WEIGHTS, ...stored?.healthWeights };
  return { ...DEFAULT_PROJECT_SETTINGS, ...defined, healthWeights } as ResolvedProjectSettings;
}
