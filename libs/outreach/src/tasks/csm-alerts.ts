import { type P1Notice, type ResolvedProjectSettings } from '@bindery/contracts';

/** How a CSM hears of a new P1 task: an email at once, in the daily digest, or not at all. */
export type CsmAlerts = 'immediate' | 'digest' | 'never';

const NOTICE_ALERTS: Record<P1Notice, CsmAlerts> = {
  immediately: 'immediate',
  daily: 'digest',
  never: 'never',
};

/**
 * A member's own P1 notice when the CSM is a member of the project; otherwise the CSM's choice in the
 * project's `csms` (compared as lower-cased addresses), and immediate for a CSM the list does not name or who
 * did not choose.
 */
export function csmAlerts(
  settings: Pick<ResolvedProjectSettings, 'csms'>,
  email: string,
  memberNotice?: P1Notice,
): CsmAlerts {
  if (memberNotice) return NOTICE_ALERTS[memberNotice];
  const address = email.toLowerCase();
  return settings.csms.find((c) => c.email.toLowerCase() === address)?.alerts ?? 'immediate';
}
