import { type CheckedRuleBody } from '@bindery/contracts';

/**
 * The rules a new project starts with. Those that need nothing but events are on; those that need a feature
 * name or training content are off until the project sets them up (funnel_stall needs a saved funnel, so
 * it is not in the pack).
 */
export function defaultRules(): CheckedRuleBody[] {
  return [
    {
      name: 'Users going quiet',
      type: 'inactivity',
      scope: 'user',
      params: { days: 14, lookbackDays: 30 },
      cooldownHours: 24 * 7,
      enabled: true,
      actions: [{ kind: 'task', severity: 'low' }],
    },
    {
      name: 'Accounts going quiet',
      type: 'inactivity',
      scope: 'account',
      params: { days: 7, lookbackDays: 30 },
      cooldownHours: 24 * 7,
      enabled: true,
      actions: [{ kind: 'task', severity: 'high' }, { kind: 'notify_csm' }],
    },
    {
      name: 'Account usage halved',
      type: 'usage_decline',
      scope: 'account',
      params: { metric: 'events', recentDays: 7, baselineDays: 28, thresholdPct: 50, minBaseline: 20 },
      cooldownHours: 24 * 7,
      enabled: true,
      actions: [{ kind: 'task', severity: 'medium' }],
    },
    {
      // No threshold of its own: the project's at-risk line (settings.atRiskBelow), as the dashboard draws it.
      name: 'Account at risk or health down 20 points',
      type: 'health_drop',
      scope: 'account',
      params: { delta: 20, days: 14 },
      cooldownHours: 24 * 7,
      enabled: true,
      actions: [{ kind: 'task', severity: 'high' }, { kind: 'notify_csm' }],
    },
    {
      name: 'Feature abandoned',
      type: 'feature_abandonment',
      scope: 'user',
      params: { feature: 'set-me', minUses: 3, idleDays: 14, lookbackDays: 60 },
      cooldownHours: 24 * 30,
      enabled: false,
      actions: [{ kind: 'email', template: 'feature-abandoned' }],
    },
    {
      name: 'Key feature never adopted',
      type: 'never_adopted',
      scope: 'user',
      params: { feature: 'set-me', days: 7 },
      cooldownHours: 24 * 30,
      enabled: false,
      actions: [{ kind: 'email', template: 'getting-started' }],
    },
  ];
}
