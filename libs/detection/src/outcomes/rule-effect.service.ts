import { Injectable } from '@nestjs/common';
import {
  InvalidInput,
  NotFound,
  type RuleEffect,
  type RuleEffectQuery,
  type RuleGoal,
} from '@bindery/contracts';
import { RuleRepository, SignalRepository } from '@bindery/db';
import { parseRange } from '@bindery/event-queries';
import { DAY_MS, goalOf, ruleEffect, type SubjectOutcome } from '@bindery/rules';
import { GoalReachService } from './goal-reach.service';

/** The default range of an effect report: the signals of the last 30 days. */
const DEFAULT_DAYS = 30;

/**
 * Whether a rule works: its signals in a range, per arm (treated, held out), the subjects that reached the
 * rule's goal within goalDays, and the difference between the arms, for one version of the rule at a time.
 */
@Injectable()
export class RuleEffectService {
  constructor(
    private readonly rules: RuleRepository,
    private readonly signals: SignalRepository,
    private readonly goals: GoalReachService,
  ) {}

  async effect(projectId: string, ruleId: string, q: RuleEffectQuery, now = Date.now()): Promise<RuleEffect> {
    const rule = await this.rules.findById(projectId, ruleId);
    if (!rule) throw NotFound(`Rule ${ruleId} not found`);
    const version = q.version ?? rule.version;
    const stored = await this.rules.findVersion(projectId, ruleId, version);
    if (!stored) throw InvalidInput(`version: rule ${ruleId} has no version ${version}`);
    const goal = goalOf(rule.type, stored.goal as RuleGoal | null);
    const to = q.to ?? new Date(now).toISOString();
    const range = parseRange({
      from: q.from ?? new Date(Date.parse(to) - DEFAULT_DAYS * DAY_MS).toISOString(),
      to,
    });
    const signals = await this.signals.firstPerSubject(projectId, ruleId, version, {
      from: new Date(range.from),
      to: new Date(range.to),
    });
    const reached = await this.goals.reachedAt(
      projectId,
      rule,
      goal,
      signals.map((s) => ({
        id: s.id,
        userId: s.user_id,
        accountId: s.account_id,
        details: s.details as Record<string, unknown>,
        start: s.created_at.getTime(),
      })),
    );
    const windowMs = goal.goalDays * DAY_MS;
    const outcomes: SubjectOutcome[] = signals.map((s) => ({
      heldOut: s.held_out,
      windowEnd: s.created_at.getTime() + windowMs,
      reachedAt: reached.get(s.id),
    }));
    return {
      ruleId,
      version,
      holdoutPct: stored.holdout_pct,
      goal,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      ...ruleEffect(outcomes, now),
      method: 'newcombe-hybrid-score',
      versions: await this.rules.versionsOf(projectId, ruleId),
    };
  }
}
