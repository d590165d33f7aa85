import { type ResolvedProjectSettings } from '@bindery/contracts';

/** How a CSM hears of a new P1 task. */
export type CsmAlerts = 'immediate' | 'digest';

/**
 * The CSM's choice in the project's `csms` (compared as lower-cased addresses); immediate for a CSM the list
 * does not name or who did not choose.
 */
export function csmAlerts(settings: Pick<ResolvedProjectSettings, 'csms'>, email: string): CsmAlerts {
  const address = email.toLowerCase();
  return settings.csms.find((c) => c.email.toLowerCase() === address)?.alerts ?? 'immediate';
}
