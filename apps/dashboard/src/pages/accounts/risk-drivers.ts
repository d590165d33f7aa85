import type { AccountRisk, AccountSummary, RiskDriverKind } from '@bindery/contracts';
import { formatDate } from '../../format';

/** Each kind of driver in a CSM's words. */
export const KIND_LABELS: Record<RiskDriverKind, string> = {
  key_users_gone_quiet: 'Key users gone quiet',
  features_dropped: 'Features dropped',
  usage_decline: 'Usage decline',
  funnel_stall: 'Funnel stall',
  open_signals: 'Open signals',
  seats_lost: 'Seats lost',
  sentiment: 'Sentiment',
};

/** Points with their sign, a true minus for a cost: "−12", "+3", "0". */
export const signedPoints = (points: number) =>
  points > 0 ? `+${points}` : points < 0 ? `−${Math.abs(points)}` : '0';

/** The change in one sentence: "Health 62, down 14 points from 76 14 days ago." */
export function changeSentence(risk: AccountRisk): string {
  const { scoreNow, scoreThen, change, days } = risk;
  const ago = days === 1 ? 'a day ago' : `${days} days ago`;
  if (change === 0) return `Health ${scoreNow}, the same as ${ago}.`;
  const points = Math.abs(change) === 1 ? '1 point' : `${Math.abs(change)} points`;
  return `Health ${scoreNow}, ${change < 0 ? 'down' : 'up'} ${points} from ${scoreThen} ${ago}.`;
}

/** A label's parts, with the `backquoted` names of features marked as code. */
export function labelParts(label: string): { text: string; code: boolean }[] {
  return label
    .split('`')
    .map((text, i) => ({ text, code: i % 2 === 1 }))
    .filter((p) => p.text !== '');
}

/**
 * Why the stored score differs from the one computed now: "The rules worker scored 52 on 7 Dec 2026; 42 counts
 * the events and signals as they are now, which its next run stores."
 */
export function scoredSentence(
  scored: NonNullable<AccountSummary['health']>,
  risk: Pick<AccountRisk, 'scoreNow'>,
): string {
  return (
    `The rules worker scored ${scored.score} on ${formatDate(scored.day)}; ${risk.scoreNow} counts the events ` +
    'and signals as they are now, which its next run stores.'
  );
}
