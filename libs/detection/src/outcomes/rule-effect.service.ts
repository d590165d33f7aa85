import { Injectable } from '@nestjs/common';
import {
  InvalidInput,
  NotFound,
  type RuleEffect,
  type RuleEffectQuery,
  type RuleEffectSeries,
  type RuleEffectSeriesQuery,
  type RuleGoal,
} from '@bindery/contracts';
import { type Rule, RuleRepository, type Signal, SignalRepository } from '@bindery/db';
import { parseRange } from '@bindery/event-queries';
import {
  DAY_MS,
  type EffectCounts,
  type EffectRange,
  effectPeriods,
  goalOf,
  ruleEffect,
} from '@bindery/rules';
import { GoalReachService } from './goal-reach.service';

/** The default range of an effect report: the signals of the last 30 days. */
const DEFAULT_DAYS = 30;
/** The default range of an effect over time: the signals of the last 90 days. */
const DEFAULT_SERIES_DAYS = 90;

/** The rule version a report is about, its goal, and the signals' range. */
interface Reported {
  rule: Rule;
  version: number;
  holdoutPct: number;
  goal: RuleGoal;
  from: number;
  to: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Whether a rule works: its signals in a range, per arm (treated, held out), the subjects that reached the
 * rule's goal within goalDays, and the difference between the arms, for one version of the rule at a time;
 * for the range as a whole, or per week or month of the signals.
 */
@Injectable()
export class RuleEffectService {
  constructor(
    private readonly rules: RuleRepository,
    private readonly signals: SignalRepository,
    private readonly goals: GoalReachService,
  ) {}

  async effect(projectId: string, ruleId: string, q: RuleEffectQuery, now = Date.now()): Promise<RuleEffect> {
    const r = await this.reported(projectId, ruleId, q, DEFAULT_DAYS, now);
    const [counts] = await this.counts(projectId, r, [{ from: r.from, to: r.to }], now);
    return {
      ruleId,
      version: r.version,
      holdoutPct: r.holdoutPct,
      goal: r.goal,
      from: iso(r.from),
      to: iso(r.to),
      ...counts!,
      method: 'newcombe-hybrid-score',
      versions: await this.rules.versionsOf(projectId, ruleId),
    };
  }

  /** The effect per period of the signals' dates: each period as {@link effect} answers for its own range. */
  async series(
    projectId: string,
    ruleId: string,
    q: RuleEffectSeriesQuery,
    now = Date.now(),
  ): Promise<RuleEffectSeries> {
    const r = await this.reported(projectId, ruleId, q, DEFAULT_SERIES_DAYS, now);
    const interval = q.interval ?? 'week';
    const periods = effectPeriods(r.from, r.to, interval);
    const counts = await this.counts(projectId, r, periods, now);
    return {
      ruleId,
      version: r.version,
      holdoutPct: r.holdoutPct,
      goal: r.goal,
      from: iso(r.from),
      to: iso(r.to),
      interval,
      method: 'newcombe-hybrid-score',
      periods: periods.map((p, i) => ({ from: iso(p.from), to: iso(p.to), ...counts[i]! })),
      versions: await this.rules.versionsOf(projectId, ruleId),
    };
  }

  /** The rule, the version asked for (the current one by default) with its goal, and the range. */
  private async reported(
    projectId: string,
    ruleId: string,
    q: { from?: string; to?: string; version?: number },
    defaultDays: number,
    now: number,
  ): Promise<Reported> {
    const rule = await this.rules.findById(projectId, ruleId);
    if (!rule) throw NotFound(`Rule ${ruleId} not found`);
    const version = q.version ?? rule.version;
    const stored = await this.rules.findVersion(projectId, ruleId, version);
    if (!stored) throw InvalidInput(`version: rule ${ruleId} has no version ${version}`);
    const to = q.to ?? iso(now);
    const range = parseRange({ from: q.from ?? iso(Date.parse(to) - defaultDays * DAY_MS), to });
    return {
      rule,
      version,
      holdoutPct: stored.holdout_pct,
      goal: goalOf(rule.type, stored.goal as RuleGoal | null),
      ...range,
    };
  }

  /**
   * The effect counts of each range: its subjects by their first signal in that range, and whether each
   * reached the goal within goalDays of it (one goal lookup for all ranges).
   */
  private async counts(
    projectId: string,
    r: Reported,
    ranges: EffectRange[],
    now: number,
  ): Promise<EffectCounts[]> {
    const perRange: Signal[][] = [];
    for (const range of ranges) {
      perRange.push(
        await this.signals.firstPerSubject(projectId, r.rule.id, r.version, {
          from: new Date(range.from),
          to: new Date(range.to),
        }),
      );
    }
    const reached = await this.goals.reachedAt(
      projectId,
      r.rule,
      r.goal,
      perRange.flat().map((s) => ({
        id: s.id,
        userId: s.user_id,
        accountId: s.account_id,
        details: s.details as Record<string, unknown>,
        start: s.created_at.getTime(),
      })),
    );
    const windowMs = r.goal.goalDays * DAY_MS;
    return perRange.map((signals) =>
      ruleEffect(
        signals.map((s) => ({
          heldOut: s.held_out,
          windowEnd: s.created_at.getTime() + windowMs,
          reachedAt: reached.get(s.id),
        })),
        now,
      ),
    );
  }
}
