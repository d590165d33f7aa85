import type {
  Rule,
  RuleAction,
  RuleBody,
  RulePatch,
  RuleScope,
  RuleType,
  SavedFunnel,
} from '@bindery/contracts';
import { RULE_TYPE_INFO } from './rule-types';

/** The rule editor's state: parameters as typed (strings), turned into the API's body on save. */
export interface RuleFormState {
  name: string;
  type: RuleType;
  scope: RuleScope;
  params: Record<string, string>;
  cooldownHours: string;
  enabled: boolean;
  actions: RuleAction[];
}

/** A new rule of `type`: its default parameters, the first scope it allows, the first saved funnel. */
export function newRuleForm(type: RuleType, funnels: SavedFunnel[]): RuleFormState {
  return withType(
    {
      name: '',
      type,
      scope: 'user',
      params: {},
      cooldownHours: '168',
      enabled: true,
      actions: [{ kind: 'task', severity: 'medium' }],
    },
    type,
    funnels,
  );
}

/** The form with another type: that type's default parameters, and a scope the type allows. */
export function withType(state: RuleFormState, type: RuleType, funnels: SavedFunnel[]): RuleFormState {
  const info = RULE_TYPE_INFO[type];
  const params = { ...info.defaults };
  if ('funnelId' in params) params.funnelId = funnels[0]?.id ?? '';
  return {
    ...state,
    type,
    params,
    scope: info.scopes.includes(state.scope) ? state.scope : info.scopes[0]!,
  };
}

export function ruleToForm(rule: Rule): RuleFormState {
  const params: Record<string, string> = {};
  for (const field of RULE_TYPE_INFO[rule.type].fields) {
    const value = rule.params[field.key];
    params[field.key] = Array.isArray(value) ? value.join('\n') : value == null ? '' : String(value);
  }
  return {
    name: rule.name,
    type: rule.type,
    scope: rule.scope,
    params,
    cooldownHours: String(rule.cooldownHours),
    enabled: rule.enabled,
    actions: rule.actions,
  };
}

/**
 * The typed parameters of the form: numbers as numbers, key events one a line, empty fields left out
 * (the API names a required one that is missing).
 */
export function paramsFromForm(type: RuleType, values: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of RULE_TYPE_INFO[type].fields) {
    const raw = (values[field.key] ?? '').trim();
    if (field.kind === 'events') {
      const events = raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
      if (events.length > 0) params[field.key] = events;
    } else if (raw !== '') {
      params[field.key] = field.kind === 'int' || field.kind === 'number' ? Number(raw) : raw;
    }
  }
  return params;
}

export function toRuleBody(state: RuleFormState): RuleBody {
  return {
    name: state.name.trim(),
    type: state.type,
    scope: state.scope,
    params: paramsFromForm(state.type, state.params),
    cooldownHours: Number(state.cooldownHours),
    enabled: state.enabled,
    actions: state.actions,
  };
}

/** A change of an existing rule: its type and scope stay (the API does not change them). */
export function toRulePatch(state: RuleFormState): RulePatch {
  const body = toRuleBody(state);
  return {
    name: body.name,
    params: body.params,
    cooldownHours: body.cooldownHours,
    enabled: body.enabled,
    actions: body.actions,
  };
}

/** "Task (high)", "Email: next-step", "Notify CSM". */
export function describeAction(action: RuleAction): string {
  switch (action.kind) {
    case 'task':
      return `Task (${action.severity})`;
    case 'email':
      return `Email: ${action.template}`;
    case 'notify_csm':
      return 'Notify CSM';
  }
}

/** A cooldown in whole days when it is one, else hours; 0 is none. */
export function formatCooldown(hours: number): string {
  if (hours === 0) return 'None';
  if (hours % 24 === 0) return hours === 24 ? '1 day' : `${hours / 24} days`;
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** A rule's parameters in a line: "Quiet 14 days after activity in the 30 before". */
export function describeParams(rule: Pick<Rule, 'type' | 'params'>, funnels: SavedFunnel[]): string {
  const p = rule.params;
  const n = (key: string) => String(p[key]);
  switch (rule.type) {
    case 'inactivity': {
      const keyEvents = Array.isArray(p.keyEvents) ? `; key events: ${p.keyEvents.join(', ')}` : '';
      return `Quiet ${n('days')} days after activity in the ${n('lookbackDays')} before${keyEvents}`;
    }
    case 'usage_decline':
      return `${p.metric === 'active_users' ? 'Active users' : 'Events'} over ${n('recentDays')} days below ${n('thresholdPct')}% of the ${n('baselineDays')}-day baseline`;
    case 'funnel_stall': {
      const funnel = funnels.find((f) => f.id === p.funnelId)?.name ?? 'a deleted funnel';
      return `Stalled ${n('stallHours')} hours in ${funnel}`;
    }
    case 'feature_abandonment':
      return `${n('feature')}: idle ${n('idleDays')} days after ${n('minUses')} uses in ${n('lookbackDays')} days`;
    case 'never_adopted':
      return `${n('feature')} not used within ${n('days')} days of first seen`;
    case 'health_drop': {
      const text = [
        p.threshold !== undefined ? `health below ${n('threshold')}` : 'at risk',
        p.delta !== undefined && `down ${n('delta')} points from its ${n('days')}-day peak`,
      ]
        .filter(Boolean)
        .join(' or ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'detractor':
      return `Latest answer NPS ≤ ${String(p.npsAtMost ?? 6)} or CSAT ≤ ${String(p.csatAtMost ?? 2)}, within ${n('lookbackDays')} days`;
  }
}
