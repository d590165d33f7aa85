import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { type Queue } from 'bullmq';
import { v5 as uuidv5 } from 'uuid';
import { type RuleDefinition, type RuleScope, type RuleType, type SignalJob } from '@bindery/contracts';
import {
  AccountHealthRepository,
  FunnelRepository,
  type NewSignal,
  type Rule,
  RuleRepository,
  RuleWatermarkRepository,
  SignalRepository,
} from '@bindery/db';
import { QueryRunner, queryFunnelPaths } from '@bindery/event-queries';
import { QUEUES } from '@bindery/queue';
import {
  type Detection,
  dayNumber,
  evaluateFeatureAbandonment,
  evaluateFunnelStall,
  evaluateHealthDrop,
  evaluateInactivity,
  evaluateNeverAdopted,
  evaluateUsageDecline,
  featureAbandonmentWindow,
  inactivityWindow,
  isoDay,
  sinceWatermark,
  type Subject,
  subjectKey,
  usageDeclineWindow,
} from '@bindery/rules';
import { HealthService } from './health.service';
import {
  accountsOfUsersQuery,
  adoptionQuery,
  dailyUsageQuery,
  featureUsageQuery,
  lastActiveQuery,
} from './rule-inputs.query';

/** Namespace of signal ids: a signal's id is a UUID v5 of its rule, subject and period, so a repeat has it too. */
const SIGNAL_NAMESPACE = '5b0c3f7e-6f3a-4c36-9d0e-1c8f0b6a2d41';
/** Rules whose detections change only when the day does (new events can only take a subject out of them). */
const DAILY_RULES: RuleType[] = ['inactivity', 'never_adopted', 'usage_decline'];
/** Never-adopted looks at subjects whose deadline passed in the last 30 days, not at every old user. */
const NEVER_ADOPTED_SPAN_DAYS = 30;

const subjectOf = (scope: RuleScope, id: string): Subject =>
  scope === 'account' ? { accountId: id } : { userId: id };

/** Signals per rule id, and the project's total. */
export type RunCounts = Record<string, number>;

/** Evaluates a project's enabled rules now: account health first, then each rule's detections become signals. */
@Injectable()
export class RuleEvaluator {
  private readonly logger = new Logger(RuleEvaluator.name);

  constructor(
    private readonly runner: QueryRunner,
    private readonly rules: RuleRepository,
    private readonly signals: SignalRepository,
    private readonly funnels: FunnelRepository,
    private readonly healthHistory: AccountHealthRepository,
    private readonly watermarks: RuleWatermarkRepository,
    private readonly health: HealthService,
    @InjectQueue(QUEUES.signals) private readonly signalQueue: Queue<SignalJob>,
  ) {}

  async evaluate(projectId: string, now = Date.now()): Promise<RunCounts> {
    const today = dayNumber(now);
    const counts: RunCounts = { accountsScored: await this.health.refresh(projectId, today), signals: 0 };
    for (const rule of await this.rules.findEnabledByProject(projectId)) {
      const watermark = await this.watermarks.get(rule.id, rule.version);
      const found = await this.detect(projectId, rule, now, watermark?.getTime());
      const detections = await this.withAccounts(projectId, found);
      const inserted = await this.signals.insertNew(
        detections.map((d) => this.toSignal(projectId, rule, d)),
        rule.cooldown_hours,
        new Date(now),
      );
      await this.signalQueue.addBulk(
        inserted.map((s) => ({ name: 'signal', data: { projectId, signalId: s.id }, opts: { jobId: s.id } })),
      );
      await this.watermarks.set(rule.id, rule.version, new Date(now));
      counts[rule.id] = inserted.length;
      counts.signals += inserted.length;
      this.logger.log(
        { projectId, ruleId: rule.id, detected: detections.length, signals: inserted.length },
        'rule evaluated',
      );
    }
    return counts;
  }

  private toSignal(projectId: string, rule: Rule, d: Detection): NewSignal {
    const key = subjectKey(d.subject);
    return {
      id: uuidv5(`${rule.id}|${key}|${d.periodKey}`, SIGNAL_NAMESPACE),
      projectId,
      ruleId: rule.id,
      ruleVersion: rule.version,
      subjectKey: key,
      userId: d.subject.userId ?? null,
      accountId: d.subject.accountId ?? null,
      periodKey: d.periodKey,
      details: { type: rule.type, ...d.details },
    };
  }

  /** Names the account of each detection about a user: the account the user acted in last. */
  private async withAccounts(projectId: string, detections: Detection[]): Promise<Detection[]> {
    const users = [
      ...new Set(detections.flatMap((d) => (d.subject.userId !== undefined ? [d.subject.userId] : []))),
    ];
    if (!users.length) return detections;
    const rows = await this.runner.rows<{ user: string; account: string }>(
      accountsOfUsersQuery(projectId, users),
    );
    const accountOf = new Map(rows.map((r) => [r.user, r.account]));
    return detections.map((d) =>
      d.subject.userId !== undefined && accountOf.has(d.subject.userId)
        ? { ...d, subject: { ...d.subject, accountId: accountOf.get(d.subject.userId) } }
        : d,
    );
  }

  /**
   * The rule's detections now. `watermark` is when this rule version was last evaluated: rules whose subjects
   * cross a deadline of `days` (inactivity, never_adopted) read only the days in which one can have crossed it
   * since, funnel_stall only the subjects with a step since then less stallHours; feature_abandonment and
   * health_drop read their whole window. Events arriving late for days before the watermark are not revisited.
   */
  private async detect(
    projectId: string,
    rule: Rule,
    now: number,
    watermark: number | undefined,
  ): Promise<Detection[]> {
    const today = dayNumber(now);
    const watermarkDay = watermark === undefined ? undefined : dayNumber(watermark);
    const def = { type: rule.type, params: rule.params } as RuleDefinition;
    // Rules that count whole days up to yesterday or today's deadlines find nothing new later the same day.
    if (watermarkDay === today && DAILY_RULES.includes(def.type)) return [];
    switch (def.type) {
      case 'inactivity': {
        const rows = await this.runner.rows<{ subject: string; last_day: number }>(
          lastActiveQuery(
            projectId,
            rule.scope,
            sinceWatermark(inactivityWindow(def.params, today), watermarkDay, def.params.days),
            def.params.keyEvents,
          ),
        );
        return evaluateInactivity(
          def.params,
          today,
          rows.map((r) => ({ subject: subjectOf(rule.scope, r.subject), lastActiveDay: r.last_day })),
        );
      }
      case 'usage_decline': {
        const rows = await this.runner.rows<{ account_id: string; days: [number, number][] }>(
          dailyUsageQuery(projectId, def.params.metric, usageDeclineWindow(def.params, today)),
        );
        return evaluateUsageDecline(
          def.params,
          today,
          rows.map((r) => ({ accountId: r.account_id, byDay: new Map(r.days) })),
        );
      }
      case 'feature_abandonment': {
        const rows = await this.runner.rows<{
          subject: string;
          uses: number;
          last_use: number;
          last_active: number;
        }>(
          featureUsageQuery(
            projectId,
            rule.scope,
            def.params.feature,
            featureAbandonmentWindow(def.params, today),
          ),
        );
        return evaluateFeatureAbandonment(
          def.params,
          today,
          rows.map((r) => ({
            subject: subjectOf(rule.scope, r.subject),
            uses: r.uses,
            lastUseDay: r.last_use,
            lastActiveDay: r.last_active,
          })),
        );
      }
      case 'never_adopted': {
        const window = sinceWatermark(
          {
            firstDay: today - def.params.days - NEVER_ADOPTED_SPAN_DAYS,
            lastDay: today - def.params.days - 1,
          },
          watermarkDay,
          def.params.days,
        );
        const rows = await this.runner.rows<{ subject: string; first_day: number; used: number }>(
          adoptionQuery(projectId, rule.scope, def.params.feature, window),
        );
        return evaluateNeverAdopted(
          def.params,
          today,
          rows.map((r) => ({
            subject: subjectOf(rule.scope, r.subject),
            firstSeenDay: r.first_day,
            used: r.used === 1,
          })),
        );
      }
      case 'funnel_stall': {
        const funnel = await this.funnels.findById(projectId, def.params.funnelId);
        if (!funnel) {
          this.logger.warn({ projectId, ruleId: rule.id }, 'funnel_stall rule names a funnel that is gone');
          return [];
        }
        const { steps, windowSeconds, order, aggregateBy } = funnel.definition;
        const range = { from: now - def.params.lookbackDays * 86_400_000, to: now };
        // A subject can newly stall only if its last step is less than stallHours older than the watermark.
        const activeSince =
          watermark === undefined ? undefined : watermark - def.params.stallHours * 3_600_000;
        const parts = await queryFunnelPaths(
          this.runner,
          projectId,
          { steps, windowSeconds, order, aggregateBy },
          range,
          { activeSince, subjects: true },
        );
        return evaluateFunnelStall(
          def.params,
          now,
          steps.map((s) => s.event),
          parts.flatMap((part) =>
            (part.subjects ?? []).map((subject, s) => {
              const at = s * part.steps;
              return {
                subject: subjectOf(aggregateBy, subject),
                reach: part.reach[s],
                stepTimes: Array.from(part.times.subarray(at, at + part.reach[s]), (t) => range.from + t),
              };
            }),
          ),
        );
      }
      case 'health_drop': {
        const history = await this.healthHistory.historyForAll(projectId, isoDay(today - def.params.days));
        return evaluateHealthDrop(
          def.params,
          today,
          [...history].map(([accountId, scores]) => ({
            accountId,
            scores: scores.map((s) => ({ day: dayNumber(Date.parse(s.day)), score: s.score })),
          })),
        );
      }
    }
  }
}
