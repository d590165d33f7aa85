import type { RuleScope, RuleType } from '@bindery/contracts';

/** How a parameter is entered: a whole number, any number, a feature, event names, the metric, a funnel. */
export type ParamKind = 'int' | 'number' | 'feature' | 'events' | 'metric' | 'funnel';

export interface ParamField {
  key: string;
  label: string;
  kind: ParamKind;
  help?: string;
  min?: number;
  max?: number;
  optional?: boolean;
}

export interface RuleTypeInfo {
  label: string;
  /** What makes it fire, in a sentence. */
  description: string;
  scopes: RuleScope[];
  fields: ParamField[];
  /** Parameters of a new rule of the type (before a funnel is chosen). */
  defaults: Record<string, string>;
}

const days = (key: string, label: string, max: number, help?: string): ParamField => ({
  key,
  label,
  kind: 'int',
  min: 1,
  max,
  help,
});

/** Every rule type the API knows, with the form of its parameters (libs/contracts/src/rules.ts). */
export const RULE_TYPE_INFO: Record<RuleType, RuleTypeInfo> = {
  inactivity: {
    label: 'Inactivity',
    description: 'Active in the look-back span, then quiet for a number of full days.',
    scopes: ['user', 'account'],
    fields: [
      days('days', 'Quiet days', 365, 'Full days without an action (or a key event)'),
      days('lookbackDays', 'Active within (days)', 365, 'It must have been active in these days before'),
      {
        key: 'keyEvents',
        label: 'Key events',
        kind: 'events',
        optional: true,
        help: 'One event name a line; only these count as activity. Empty: any action counts.',
      },
    ],
    defaults: { days: '14', lookbackDays: '30', keyEvents: '' },
  },
  usage_decline: {
    label: 'Usage decline',
    description: 'Recent usage below a share of the baseline average before it.',
    scopes: ['account'],
    fields: [
      { key: 'metric', label: 'Measure', kind: 'metric' },
      days('recentDays', 'Recent span (days)', 90),
      days('baselineDays', 'Baseline span (days)', 365, 'The span before the recent one'),
      {
        key: 'thresholdPct',
        label: 'Below (% of baseline)',
        kind: 'int',
        min: 1,
        max: 99,
      },
      {
        key: 'minBaseline',
        label: 'Minimum baseline',
        kind: 'number',
        min: 0,
        help: 'No signal when the baseline per recent span is lower',
      },
    ],
    defaults: {
      metric: 'events',
      recentDays: '7',
      baselineDays: '28',
      thresholdPct: '50',
      minBaseline: '20',
    },
  },
  funnel_stall: {
    label: 'Funnel stall',
    description: 'Reached a step of a saved funnel and not the next one within the stall time.',
    scopes: ['user', 'account'],
    fields: [
      { key: 'funnelId', label: 'Funnel', kind: 'funnel' },
      {
        key: 'stallHours',
        label: 'Stalled for (hours)',
        kind: 'int',
        min: 1,
        max: 24 * 90,
        help: 'Hours at a step without the next one',
      },
      days('lookbackDays', 'Funnel starts within (days)', 90),
    ],
    defaults: { funnelId: '', stallHours: '48', lookbackDays: '14' },
  },
  feature_abandonment: {
    label: 'Feature abandonment',
    description: 'Used a feature enough to count as adopted, then stopped while still active.',
    scopes: ['user', 'account'],
    fields: [
      { key: 'feature', label: 'Feature', kind: 'feature' },
      {
        key: 'minUses',
        label: 'Uses that count as adoption',
        kind: 'int',
        min: 1,
        max: 10_000,
      },
      days('idleDays', 'Idle days', 365, 'Full days since the last use; shorter than the span'),
      days('lookbackDays', 'Uses counted within (days)', 365),
    ],
    defaults: { feature: '', minUses: '3', idleDays: '14', lookbackDays: '60' },
  },
  never_adopted: {
    label: 'Never adopted',
    description: 'First seen more than a number of days ago and never used the feature.',
    scopes: ['user', 'account'],
    fields: [
      { key: 'feature', label: 'Feature', kind: 'feature' },
      days('days', 'Days after first seen', 365),
    ],
    defaults: { feature: '', days: '7' },
  },
  health_drop: {
    label: 'Health drop',
    description:
      'Account health below a threshold (empty: the project’s at-risk line), or fallen a number of points under its recent peak.',
    scopes: ['account'],
    fields: [
      {
        key: 'threshold',
        label: 'Below score',
        kind: 'int',
        min: 1,
        max: 100,
        optional: true,
        help: 'Empty: the project’s at-risk line (settings)',
      },
      {
        key: 'delta',
        label: 'Fall of (points)',
        kind: 'int',
        min: 1,
        max: 100,
        optional: true,
        help: 'Empty: falls do not count.',
      },
      days('days', 'Peak within (days)', 90),
    ],
    defaults: { threshold: '', delta: '20', days: '14' },
  },
  detractor: {
    label: 'Detractor',
    description:
      'An account’s latest survey answer is a detractor’s: NPS or CSAT at or below a score. Clears when its next answer is a promoter’s.',
    scopes: ['account'],
    fields: [
      {
        key: 'npsAtMost',
        label: 'NPS at most',
        kind: 'int',
        min: 0,
        max: 10,
        optional: true,
        help: 'Empty: 6',
      },
      {
        key: 'csatAtMost',
        label: 'CSAT at most',
        kind: 'int',
        min: 1,
        max: 5,
        optional: true,
        help: 'Empty: 2',
      },
      days('lookbackDays', 'Answers within (days)', 365),
    ],
    defaults: { npsAtMost: '', csatAtMost: '', lookbackDays: '90' },
  },
};

export const RULE_TYPES = Object.keys(RULE_TYPE_INFO) as RuleType[];

export const SCOPE_LABEL: Record<RuleScope, string> = { user: 'Users', account: 'Accounts' };
