import { type AccountRisk } from '@bindery/contracts';
import { traitText } from '@bindery/event-queries';

/** Task priority: P1 most urgent. */
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';
export type Severity = 'low' | 'medium' | 'high';

const BY_SEVERITY: Record<Severity, Record<'A' | 'B' | 'C', Priority>> = {
  high: { A: 'P1', B: 'P1', C: 'P2' },
  medium: { A: 'P2', B: 'P2', C: 'P3' },
  low: { A: 'P3', B: 'P3', C: 'P4' },
};
const DUE_DAYS: Record<Priority, number> = { P1: 1, P2: 3, P3: 7, P4: 14 };

/** A task's priority from the rule's severity and the account's ABC class (an account without one is C). */
export function taskPriority(severity: Severity, abc: 'A' | 'B' | 'C' | null): Priority {
  return BY_SEVERITY[severity][abc ?? 'C'];
}

/** When a task of this priority is due. */
export const dueAt = (priority: Priority, now: number) => new Date(now + DUE_DAYS[priority] * 86_400_000);

type Details = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? '?' : String(v));

/** An instant to the minute, in UTC: "2026-11-25 09:12 UTC" (the text as it came when it is no time). */
const minute = (v: unknown) => {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(ms) ? str(v) : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

/** A stall's length: hours up to two days, whole days past them. */
const stallLength = (hours: unknown) =>
  typeof hours === 'number' && hours >= 48 ? `${Math.floor(hours / 24)} days` : `${str(hours)} hours`;

/** The words for an account: its `name` trait when it has one, else "Account <id>". */
export function accountWords(accountId: string | null, name: string | null | undefined): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed !== '' ? trimmed : `Account ${str(accountId)}`;
}

/** A user's or an account's `name` trait, if it is text. */
export function nameTrait(traits: Record<string, unknown>): string | null {
  return traitText(traits.name);
}

/**
 * A task's title and body in plain words: who (the account by its name; a user by their id, with their name
 * and their account's name), what dropped, since when, the numbers.
 */
export function describeSignal(
  ruleType: string,
  ruleName: string,
  subject: {
    userId: string | null;
    userName?: string | null;
    accountId: string | null;
    accountName?: string | null;
  },
  d: Details,
): { title: string; body: string } {
  const about = [subject.userName?.trim(), subject.accountName?.trim() || subject.accountId].filter(Boolean);
  const who = subject.userId
    ? `User ${subject.userId}${about.length ? ` (${about.join(', ')})` : ''}`
    : accountWords(subject.accountId, subject.accountName);
  const because = `Rule “${ruleName}”.`;
  switch (ruleType) {
    case 'inactivity':
      return {
        title: `${who} has been inactive for ${str(d.daysQuiet)} days`,
        body: `${who} was last active on ${str(d.lastActiveDay)} and has had no activity for ${str(d.daysQuiet)} full days (the rule allows ${str(d.days)}). ${because}`,
      };
    case 'usage_decline':
      return {
        title: `${who}: usage fell to ${str(d.pctOfBaseline)}% of its usual level`,
        body: `${who} had ${str(d.recent)} ${d.metric === 'active_users' ? 'user-days' : 'events'} in the last ${str(d.recentDays)} days, against an average of ${str(d.baseline)} over the ${str(d.baselineDays)} days before. ${because}`,
      };
    case 'funnel_stall':
      return {
        title: `${who} is stuck after “${str(d.stepEvent)}”`,
        body: `${who} reached step ${str(d.step)} (“${str(d.stepEvent)}”) at ${minute(d.reachedStepAt)} and has not done step ${str(d.nextStep)} (“${str(d.nextStepEvent)}”) in ${stallLength(d.hoursStalled)}. ${because}`,
      };
    case 'feature_abandonment':
      return {
        title: `${who} stopped using ${str(d.feature)}`,
        body: `${who} used ${str(d.feature)} ${str(d.uses)} times, last on ${str(d.lastUseDay)}, and not for ${str(d.idleDays)} days since, while still active (last on ${str(d.lastActiveDay)}). ${because}`,
      };
    case 'never_adopted':
      return {
        title: `${who} has not tried ${str(d.feature)}`,
        body: `${who} started on ${str(d.firstSeenDay)} and has not used ${str(d.feature)} in the ${str(d.days)} days since. ${because}`,
      };
    case 'health_drop':
      return {
        title: `${who}: health score ${str(d.score)}`,
        body: `${who} scores ${str(d.score)} today, against a peak of ${str(d.peak)} in the last ${str(d.days)} days. ${because}`,
      };
    case 'detractor':
      return {
        title: `${who}: a detractor (${str(d.kind).toUpperCase()} ${str(d.score)})`,
        body: `${str(d.userId)} of ${who} answered ${str(d.score)} to a ${str(d.kind).toUpperCase()} survey on ${str(d.answeredAt)}${d.comment ? `, saying: “${str(d.comment)}”` : ', without a comment'}. ${because}`,
      };
    default:
      return { title: `${who}: ${ruleName}`, body: `${because} ${JSON.stringify(d)}` };
  }
}

/** {@link describeSignal} for a stored signal of `rule`, its user and account named by their traits. */
export function signalWording(
  rule: { type: string; name: string },
  signal: { user_id: string | null; account_id: string | null; details: Details },
  traits: { account: Record<string, unknown>; user: Record<string, unknown> },
): { title: string; body: string } {
  return describeSignal(
    rule.type,
    rule.name,
    {
      userId: signal.user_id,
      userName: nameTrait(traits.user),
      accountId: signal.account_id,
      accountName: nameTrait(traits.account),
    },
    signal.details,
  );
}

/** How many of the drivers of a fall in health a task names. */
const DRIVERS_NAMED = 3;

/**
 * Why an account's health fell, for a task's body: the scores then and now and the costliest drivers with the
 * points each cost; null when the score did not fall.
 */
export function describeRisk(
  risk: Pick<AccountRisk, 'scoreNow' | 'scoreThen' | 'days' | 'drivers'>,
): string | null {
  const costs = risk.drivers.filter((d) => d.points < 0).slice(0, DRIVERS_NAMED);
  if (risk.scoreNow >= risk.scoreThen || !costs.length) return null;
  const named = costs.map((d) => `${d.label} (${d.points} ${Math.abs(d.points) === 1 ? 'point' : 'points'})`);
  return `Why health fell from ${risk.scoreThen} to ${risk.scoreNow} in ${risk.days} days: ${named.join('; ')}.`;
}
