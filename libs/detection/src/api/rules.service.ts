import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type CheckedRuleBody,
  compileValidator,
  InvalidInput,
  NotFound,
  RULE_PARAMS_SCHEMAS,
  type Rule,
  type RuleBody,
  type RuleList,
  type RulePatch,
  type RuleType,
} from '@bindery/contracts';
import { AuditRepository, FunnelRepository, type Rule as RuleRow, RuleRepository } from '@bindery/db';
import { goalOf, goalProblem } from '@bindery/rules';

const checkParams = Object.fromEntries(
  Object.entries(RULE_PARAMS_SCHEMAS).map(([type, schema]) => [type, compileValidator(schema)]),
) as Record<RuleType, ReturnType<typeof compileValidator>>;

/** Rules about accounts only: they read per-account rollups or the account's health. */
const ACCOUNT_ONLY: RuleType[] = ['usage_decline', 'health_drop', 'detractor'];

function toRule(row: RuleRow): Rule {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    scope: row.scope,
    params: row.params,
    actions: row.actions,
    cooldownHours: row.cooldown_hours,
    enabled: row.enabled,
    holdoutPct: row.holdout_pct,
    goal: goalOf(row.type, row.goal),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Rules a project manages through the API; their parameters are checked against their type. */
@Injectable()
export class RulesService {
  constructor(
    private readonly rules: RuleRepository,
    private readonly funnels: FunnelRepository,
    private readonly audit: AuditRepository,
  ) {}

  async list(projectId: string): Promise<RuleList> {
    return { rules: (await this.rules.findByProject(projectId)).map(toRule) };
  }

  async get(projectId: string, ruleId: string): Promise<Rule> {
    const row = await this.rules.findById(projectId, ruleId);
    if (!row) throw NotFound(`Rule ${ruleId} not found`);
    return toRule(row);
  }

  async create(projectId: string, body: RuleBody, actor: string): Promise<Rule> {
    const rule = await this.check(projectId, body);
    const row = await this.rules.create({
      id: uuidv7(),
      projectId,
      ...rule,
      goal: goalOf(rule.type, rule.goal),
    });
    await this.audit.record({
      projectId,
      actor,
      action: 'rule.created',
      details: { ruleId: row.id, name: row.name },
    });
    return toRule(row);
  }

  async update(projectId: string, ruleId: string, patch: RulePatch, actor: string): Promise<Rule> {
    const current = await this.get(projectId, ruleId);
    const next = await this.check(projectId, { ...current, ...patch } as RuleBody);
    const row = await this.rules.update(projectId, ruleId, next);
    if (!row) throw NotFound(`Rule ${ruleId} not found`);
    await this.audit.record({
      projectId,
      actor,
      action: 'rule.updated',
      details: { ruleId, version: row.version },
    });
    return toRule(row);
  }

  async delete(projectId: string, ruleId: string, actor: string): Promise<void> {
    if (!(await this.rules.delete(projectId, ruleId))) throw NotFound(`Rule ${ruleId} not found`);
    await this.audit.record({ projectId, actor, action: 'rule.deleted', details: { ruleId } });
  }

  /** The body with its params checked against its type, its scope against the type, its funnel found. */
  private async check(projectId: string, body: RuleBody): Promise<CheckedRuleBody> {
    const checked = checkParams[body.type](body.params);
    if (!checked.ok) throw InvalidInput(`params of a ${body.type} rule: ${checked.message}`);
    if (ACCOUNT_ONLY.includes(body.type) && body.scope !== 'account') {
      throw InvalidInput(`a ${body.type} rule is about accounts: its scope must be account`);
    }
    const rule = { ...body, params: checked.value } as CheckedRuleBody;
    if (rule.type === 'feature_abandonment' && rule.params.idleDays >= rule.params.lookbackDays) {
      throw InvalidInput(
        'params.idleDays must be shorter than params.lookbackDays, or the rule can never fire',
      );
    }
    const goalError = rule.goal && goalProblem(rule.type, rule.goal);
    if (goalError) throw InvalidInput(goalError);
    if (rule.type === 'funnel_stall' && !(await this.funnels.findById(projectId, rule.params.funnelId))) {
      throw InvalidInput(`params.funnelId: no saved funnel ${rule.params.funnelId} in this project`);
    }
    return {
      name: rule.name,
      scope: rule.scope,
      cooldownHours: rule.cooldownHours,
      enabled: rule.enabled,
      actions: rule.actions,
      holdoutPct: rule.holdoutPct ?? 0,
      goal: rule.goal,
      type: rule.type,
      params: rule.params,
    } as CheckedRuleBody;
  }
}
