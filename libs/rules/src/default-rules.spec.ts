import { compileValidator, RULE_PARAMS_SCHEMAS, RuleBodySchema, type RuleType } from '@bindery/contracts';
import { defaultRules } from './default-rules';

const validateParams = (type: RuleType, params: unknown) =>
  compileValidator(RULE_PARAMS_SCHEMAS[type])(params);
const validateBody = compileValidator(RuleBodySchema);

describe('defaultRules', () => {
  it('is the pack of six rules, with those that need a feature name off', () => {
    expect(defaultRules().map((r) => [r.name, r.type, r.scope, r.enabled])).toEqual([
      ['Users going quiet', 'inactivity', 'user', true],
      ['Accounts going quiet', 'inactivity', 'account', true],
      ['Account usage halved', 'usage_decline', 'account', true],
      ['Account at risk or health down 20 points', 'health_drop', 'account', true],
      ['Feature abandoned', 'feature_abandonment', 'user', false],
      ['Key feature never adopted', 'never_adopted', 'user', false],
    ]);
  });

  it.each(defaultRules().map((rule) => [rule.name, rule] as const))(
    'has params that validate against the schema of its type: %s',
    (_name, rule) => {
      expect(validateParams(rule.type, rule.params)).toEqual({ ok: true, value: rule.params });
    },
  );

  it.each(defaultRules().map((rule) => [rule.name, rule] as const))(
    'is a valid rule body: %s',
    (_name, rule) => {
      expect(validateBody(rule)).toEqual({ ok: true, value: rule });
    },
  );

  it('has validators that reject params out of bounds, so the checks above can fail', () => {
    expect(validateParams('inactivity', { days: 0, lookbackDays: 30 })).toEqual({
      ok: false,
      message: 'days must be >= 1',
    });
    expect(
      validateParams('usage_decline', {
        metric: 'events',
        recentDays: 7,
        baselineDays: 28,
        thresholdPct: 50,
      }),
    ).toEqual({
      ok: false,
      message: 'minBaseline is required',
    });
    expect(validateParams('never_adopted', { feature: 'x', days: 7, extra: 1 })).toEqual({
      ok: false,
      message: 'unknown property extra',
    });
  });

  it('gives the rules about accounts the account scope', () => {
    const accountOnly = defaultRules().filter((r) => r.type === 'usage_decline' || r.type === 'health_drop');
    expect(accountOnly.map((r) => r.scope)).toEqual(['account', 'account']);
  });

  it('has no funnel_stall rule, which needs a saved funnel', () => {
    expect(defaultRules().some((r) => r.type === 'funnel_stall')).toBe(false);
  });

  it('gives each rule its own name', () => {
    const names = defaultRules().map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('returns a fresh pack on each call', () => {
    const [changed] = defaultRules();
    if (!changed) throw new Error('the pack is empty');
    changed.name = 'changed';
    changed.actions.push({ kind: 'notify_csm' });
    expect(defaultRules()[0]).toEqual({
      name: 'Users going quiet',
      type: 'inactivity',
      scope: 'user',
      params: { days: 14, lookbackDays: 30 },
      cooldownHours: 168,
      enabled: true,
      actions: [{ kind: 'task', severity: 'low' }],
    });
  });
});
