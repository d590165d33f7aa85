import { type ProjectSettings } from '@bindery/contracts';
import { DEFAULT_HEALTH_WEIGHTS } from './health-score';

/** The settings a project starts with. */
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  healthWeights: DEFAULT_HEALTH_WEIGHTS,
  keyFeatures: [],
};

/** A project's stored settings with defaults for what it never set. */
export const withDefaultSettings = (stored: Partial<ProjectSettings> | undefined): ProjectSettings => ({
  ...DEFAULT_PROJECT_SETTINGS,
  ...stored,
});
