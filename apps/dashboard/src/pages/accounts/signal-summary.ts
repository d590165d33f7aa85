import type { Signal } from '@bindery/contracts';

const RULE_LABELS: Record<string, string> = {
  inactivity: 'Inactivity',
  usage_decline: 'Usage decline',
  funnel_stall: 'Funnel stall',
  feature_abandonment: 'Feature abandonment',
  never_adopted: 'Never adopted',
  health_drop: 'Health drop',
  detractor: 'Detractor',
};

/** A rule type in words: "feature_abandonment" → "Feature abandonment". */
export function ruleLabel(ruleType: string): string {
  const words = ruleType.replace(/_/g, ' ');
  return RULE_LABELS[ruleType] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

const val = (v: unknown) => (v === undefined || v === null ? '?' : String(v));

/** A stall's length as a CSM says it: hours up to two days, whole days past them ("12 days", not "297 hours"). */
const stalledFor = (hours: unknown) =>
  typeof hours === 'number' && hours >= 48 ? `${Math.floor(hours / 24)} days` : `${val(hours)} hours`;

/** What a signal found, in one line, as a CSM reads it on the account's page. */
export function signalSummary(signal: Pick<Signal, 'ruleType' | 'details'>): string {
  const d = signal.details;
  switch (signal.ruleType) {
    case 'inactivity':
      return `No activity for ${val(d.daysQuiet)} days (last on ${val(d.lastActiveDay)})`;
    case 'usage_decline':
      return `${d.metric === 'active_users' ? 'Active users' : 'Usage'} at ${val(d.pctOfBaseline)}% of the usual level`;
    case 'funnel_stall':
      return `Stuck after “${val(d.stepEvent)}” for ${stalledFor(d.hoursStalled)}`;
    case 'feature_abandonment':
      return `Stopped using ${val(d.feature)} ${val(d.idleDays)} days ago`;
    case 'never_adopted':
      return `Has not tried ${val(d.feature)} in ${val(d.days)} days`;
    case 'health_drop':
      return `Health ${val(d.score)}, down from ${val(d.peak)}`;
    case 'detractor':
      return `${val(d.kind).toUpperCase()} ${val(d.score)} from ${val(d.userId)}${d.comment ? `: “${val(d.comment)}”` : ''}`;
    default:
      return ruleLabel(signal.ruleType);
  }
}
