import { Injectable } from '@nestjs/common';
import { GOAL_EVENTS, type FunnelStep, type RuleGoal } from '@bindery/contracts';
import { FunnelRepository, type Rule } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { DAY_MS } from '@bindery/rules';
import { type GoalTarget, goalReachQuery } from './goal-reach.query';

/** Subjects bound into one goal query. */
const CHUNK = 5000;

/** Something whose subject should reach a rule's goal from `start` on: a signal, or an email about one. */
export interface GoalAttempt {
  id: string;
  userId: string | null;
  accountId: string | null;
  /** The signal's details (its feature, its funnel step). */
  details: Record<string, unknown>;
  /** Epoch ms: the window of goalDays starts here. */
  start: number;
}

/** The goal an attempt's subject should reach: the rule's goal made concrete for its signal. */
function targetOf(
  goal: RuleGoal,
  details: Record<string, unknown>,
  nextSteps?: FunnelStep[],
): GoalTarget | undefined {
  switch (goal.event) {
    case GOAL_EVENTS.any:
      return { kind: 'any', where: goal.where };
    case GOAL_EVENTS.feature:
      return typeof details.feature === 'string'
        ? { kind: 'feature', feature: details.feature, where: goal.where }
        : undefined;
    case GOAL_EVENTS.nextStep: {
      if (typeof details.nextStepEvent !== 'string') return undefined;
      // The saved funnel's step, with its filters, while it still names the same event.
      const step = nextSteps?.[Number(details.nextStep) - 1];
      return {
        kind: 'event',
        event: details.nextStepEvent,
        where: step?.event === details.nextStepEvent ? step.where : undefined,
      };
    }
    default:
      return { kind: 'event', event: goal.event, where: goal.where };
  }
}

/** When subjects reached a rule's goal, read from the events: one query per concrete goal and 5,000 subjects. */
@Injectable()
export class GoalReachService {
  constructor(
    private readonly funnels: FunnelRepository,
    private readonly runner: QueryRunner,
  ) {}

  /** The time each attempt's subject first reached the goal within goalDays of its start, by attempt id. */
  async reachedAt(
    projectId: string,
    rule: Rule,
    goal: RuleGoal,
    attempts: GoalAttempt[],
  ): Promise<Map<string, number>> {
    const nextSteps =
      rule.type === 'funnel_stall' && goal.event === GOAL_EVENTS.nextStep
        ? (await this.funnels.findById(projectId, (rule.params as { funnelId: string }).funnelId))?.definition
            .steps
        : undefined;
    const groups = new Map<string, { target: GoalTarget; attempts: GoalAttempt[] }>();
    for (const a of attempts) {
      const target = targetOf(goal, a.details, nextSteps);
      if (!target) continue;
      const key = JSON.stringify(target);
      const group = groups.get(key) ?? { target, attempts: [] };
      group.attempts.push(a);
      groups.set(key, group);
    }
    const subjectOf = (a: GoalAttempt) => (rule.scope === 'account' ? a.accountId : a.userId) ?? '';
    const reached = new Map<string, number>();
    for (const { target, attempts: members } of groups.values()) {
      for (let i = 0; i < members.length; i += CHUNK) {
        const chunk = members.slice(i, i + CHUNK);
        const rows = await this.runner.rows<{ subject: string; start: number; reached_at: number }>(
          goalReachQuery(
            projectId,
            rule.scope,
            target,
            chunk.map((a) => ({ subject: subjectOf(a), start: a.start })),
            goal.goalDays * DAY_MS,
          ),
        );
        const at = new Map(rows.map((r) => [`${r.subject}|${Number(r.start)}`, Number(r.reached_at)]));
        for (const a of chunk) {
          const t = at.get(`${subjectOf(a)}|${a.start}`);
          if (t !== undefined) reached.set(a.id, t);
        }
      }
    }
    return reached;
  }
}
