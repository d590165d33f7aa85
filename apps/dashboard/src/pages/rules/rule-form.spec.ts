import type { Rule, SavedFunnel } from '@bindery/contracts';
import {
  describeAction,
  describeParams,
  formatCooldown,
  newRuleForm,
  paramsFromForm,
  ruleToForm,
  toRuleBody,
  toRulePatch,
  withType,
} from './rule-form';

const funnel = { id: '01a208be-03cc-769b-b389-0079119f2bfe', name: 'Onboarding' } as SavedFunnel;

const rule = (over: Partial<Rule>): Rule => ({
  id: 'r1',
  name: 'Users going quiet',
  type: 'inactivity',
  scope: 'user',
  params: { days: 14, lookbackDays: 30 },
  actions: [{ kind: 'task', severity: 'low' }],
  cooldownHours: 168,
  enabled: true,
  holdoutPct: 0,
  goal: { event: '$any', goalDays: 14 },
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('rule form', () => {
  it('starts a new rule with the type’s defaults, and a funnel stall with the first saved funnel', () => {
    expect(toRuleBody({ ...newRuleForm('inactivity', []), name: ' Quiet ' })).toEqual({
      name: 'Quiet',
      type: 'inactivity',
      scope: 'user',
      params: { days: 14, lookbackDays: 30 },
      cooldownHours: 168,
      enabled: true,
      actions: [{ kind: 'task', severity: 'medium' }],
    });
    expect(newRuleForm('funnel_stall', [funnel]).params).toEqual({
      funnelId: funnel.id,
      stallHours: '48',
      lookbackDays: '14',
    });
  });

  it('moves to a scope the new type allows, and keeps one it allows', () => {
    const form = newRuleForm('inactivity', []);
    expect(withType(form, 'health_drop', []).scope).toBe('account');
    expect(withType({ ...form, scope: 'account' }, 'never_adopted', []).scope).toBe('account');
    expect(withType(form, 'never_adopted', []).params).toEqual({ feature: '', days: '7' });
  });

  it('types the parameters: numbers, key events one a line, empty optional ones left out', () => {
    expect(
      paramsFromForm('inactivity', { days: '7', lookbackDays: '30', keyEvents: ' A \n\nB C\n' }),
    ).toEqual({
      days: 7,
      lookbackDays: 30,
      keyEvents: ['A', 'B C'],
    });
    expect(paramsFromForm('inactivity', { days: '7', lookbackDays: '30', keyEvents: '  ' })).toEqual({
      days: 7,
      lookbackDays: 30,
    });
    expect(paramsFromForm('health_drop', { threshold: '', delta: '20', days: '14' })).toEqual({
      delta: 20,
      days: 14,
    });
    expect(
      paramsFromForm('usage_decline', {
        metric: 'active_users',
        recentDays: '7',
        baselineDays: '28',
        thresholdPct: '50',
        minBaseline: '2.5',
      }),
    ).toEqual({
      metric: 'active_users',
      recentDays: 7,
      baselineDays: 28,
      thresholdPct: 50,
      minBaseline: 2.5,
    });
  });

  it('edits a rule and sends back the same parameters, without its type and scope', () => {
    const existing = rule({
      params: { days: 14, lookbackDays: 30, keyEvents: ['Report Shared', 'Invite Sent'] },
    });
    const form = ruleToForm(existing);
    expect(form.params.keyEvents).toBe('Report Shared\nInvite Sent');
    expect(toRulePatch({ ...form, enabled: false })).toEqual({
      name: 'Users going quiet',
      params: existing.params,
      cooldownHours: 168,
      enabled: false,
      actions: existing.actions,
    });
    expect(
      ruleToForm(rule({ type: 'health_drop', scope: 'account', params: { days: 14, delta: 20 } })).params,
    ).toEqual({ threshold: '', delta: '20', days: '14' });
  });

  it('describes actions, cooldowns and parameters in words', () => {
    expect(describeAction({ kind: 'task', severity: 'high' })).toBe('Task (high)');
    expect(describeAction({ kind: 'email', template: 'next-step' })).toBe('Email: next-step');
    expect(describeAction({ kind: 'notify_csm' })).toBe('Notify CSM');
    expect([0, 1, 36, 24, 168].map(formatCooldown)).toEqual([
      'None',
      '1 hour',
      '36 hours',
      '1 day',
      '7 days',
    ]);
    expect(describeParams(rule({}), [])).toBe('Quiet 14 days after activity in the 30 before');
    expect(
      describeParams(rule({ type: 'funnel_stall', params: { funnelId: funnel.id, stallHours: 48 } }), [
        funnel,
      ]),
    ).toBe('Stalled 48 hours in Onboarding');
    expect(
      describeParams(rule({ type: 'funnel_stall', params: { funnelId: 'gone', stallHours: 48 } }), []),
    ).toBe('Stalled 48 hours in a deleted funnel');
    expect(describeParams(rule({ type: 'health_drop', params: { delta: 20, days: 14 } }), [])).toBe(
      'At risk or down 20 points from its 14-day peak',
    );
    expect(
      describeParams(rule({ type: 'health_drop', params: { threshold: 40, delta: 20, days: 14 } }), []),
    ).toBe('Health below 40 or down 20 points from its 14-day peak');
  });
});
