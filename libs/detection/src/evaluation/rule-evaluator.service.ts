import { Injectable, Logger } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { type ResolvedProjectSettings, type RuleType, settleAll } from '@bindery/contracts';
import {
  AccountHealthRepository,
  FunnelRepository,
  type NewSignal,
  type Rule,
  RuleRepository,
  ProjectSettingsRepository,
  RuleWatermarkRepository,
  SignalRepository,
} from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { JobProducer } from '@bindery/queue';
import { type Detection, dayNumber, isHeldOut, subjectKey, withDefaultSettings } from '@bindery/rules';
import { ActionCounts, DailyActions } from './daily-usage';
import { HealthService } from './health.service';
import { type KindContext, RULE_KINDS, type RuleKind } from './kinds';
import { receivedSince } from './receipt';
import { accountsOfUsersQuery, activeSinceQuery } from './rule-inputs.query';

/** Namespace of signal ids: a signal's id is a UUID v5 of its rule, subject and period, so a repeat has it too. */
const SIGNAL_NAMESPACE = '5b0c3f7e-6f3a-4c36-9d0e-1c8f0b6a2d41';

/** Signals per rule id, and the project's totals. */
export type RunCounts = {
  accountsScored: number;
  signals: number;
  resolved: number;
  /** Of the signals, those in their rule's hold-out arm. */
  heldOut: number;
} & Record<string, number>;

/** One evaluation of a project: what its rules share. */
interface Run {
  projectId: string;
  now: number;
  today: number;
  settings: ResolvedProjectSettings;
  actions: DailyActions;
  /** The users and accounts with actions since a watermark, one query per watermark. */
  activeSince: Map<number, Promise<string[]>>;
  /** Health's scoring of today (and the days it scores again): how many accounts, once written. */
  scoring: Promise<number>;
}

/**
 * Evaluates a project's enabled rules now: account health, and beside it for each rule its open signals are
 * re-checked (those that cleared are resolved, and the notifier told) and its detections become signals.
 */
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
    private readonly actionCounts: ActionCounts,
    private readonly projectSettings: ProjectSettingsRepository,
    private readonly jobs: JobProducer,
  ) {}

  async evaluate(projectId: string, now = Date.now()): Promise<RunCounts> {
    const today = dayNumber(now);
    const rules = await this.rules.findEnabledByProject(projectId);
    // One read of the accounts' actions per day for health and every rule that counts them.
    const actions = new DailyActions(
      this.actionCounts,
      projectId,
      rules.flatMap((rule) => {
        const kind: RuleKind<RuleType> = RULE_KINDS[rule.type];
        return kind.actionDays?.(rule.params, today) ?? [];
      }),
    );
    const run: Run = {
      projectId,
      now,
      today,
      settings: withDefaultSettings(await this.projectSettings.get(projectId)),
      actions,
      activeSince: new Map(),
      // Health beside the rules: it reads the signals as they stood at `now`, so the rules' writes leave its
      // scores as they would be had it run first.
      scoring: this.health.refresh(projectId, now, actions),
    };
    // The rules side by side: one rule's queries to the engine run while another's signals are written to
    // Postgres and queued. Health and every rule finish before a failure is answered, so that none is still
    // writing when the run is retried.
    const rulesRun = rules.map((rule) => this.evaluateRule(run, rule));
    await settleAll<unknown>([run.scoring, ...rulesRun]);
    const counts: RunCounts = { accountsScored: await run.scoring, signals: 0, resolved: 0, heldOut: 0 };
    for (const { ruleId, inserted, heldOut, resolved } of await Promise.all(rulesRun)) {
      counts[ruleId] = inserted;
      counts.signals += inserted;
      counts.resolved += resolved;
      counts.heldOut += heldOut;
    }
    return counts;
  }

  /**
   * Re-checks one rule's open signals, then turns its detections into signals; returns how many of each. A rule
   * that reads today's health scores starts once they are written; every rule queues its new signals only
   * then, so that the tasks and alerts they make read today's scores.
   */
  private async evaluateRule(
    { projectId, now, today, settings, actions, activeSince, scoring }: Run,
    rule: Rule,
  ): Promise<{ ruleId: string; inserted: number; heldOut: number; resolved: number }> {
    // One kind per type (RULE_KINDS is checked by the compiler); the union of kinds is called as one.
    const kind: RuleKind<RuleType> = RULE_KINDS[rule.type];
    if (kind.readsHealth) await scoring;
    const watermark = await this.watermarks.get(rule.id, rule.version);
    const ctx: KindContext<RuleType> = {
      projectId,
      rule,
      params: rule.params,
      now,
      today,
      watermark: watermark?.getTime(),
      settings,
      runner: this.runner,
      funnels: this.funnels,
      healthHistory: this.healthHistory,
      actions,
    };
    const started = performance.now();
    const resolved = await this.signals.resolve(
      projectId,
      await kind.resolve(ctx, await this.openToCheck(projectId, rule, kind, ctx.watermark, activeSince)),
      new Date(now),
    );
    if (resolved.length) {
      const signalIds = resolved.map((s) => s.id);
      // One job per run and rule, named by the first signal it resolves: a retried run adds nothing new.
      await this.jobs.enqueue(
        'signals-resolved',
        { projectId, signalIds },
        { jobId: `resolved-${signalIds[0]}` },
      );
    }
    const resolvedMs = Math.round(performance.now() - started);
    const detections = await this.withAccounts(projectId, await kind.detect(ctx));
    const inserted = await this.signals.insertNew(
      detections.map((d) => this.toSignal(projectId, rule, d)),
      rule.cooldown_hours,
      new Date(now),
    );
    // A held-out subject's signal is the record of the control arm: no job, so no task, email or alert.
    const treated = inserted.filter((s) => !s.held_out);
    // Once health has finished, written or failed: a signal is new only to the run that inserted it.
    await scoring.catch(() => 0);
    await this.jobs.enqueueSignals(
      projectId,
      treated.map((s) => s.id),
    );
    await this.watermarks.set(rule.id, rule.version, new Date(now));
    this.logger.log(
      {
        projectId,
        ruleId: rule.id,
        detected: detections.length,
        signals: inserted.length,
        heldOut: inserted.length - treated.length,
        resolved: resolved.length,
        resolveMs: resolvedMs,
        ms: Math.round(performance.now() - started),
      },
      'rule evaluated',
    );
    return {
      ruleId: rule.id,
      inserted: inserted.length,
      heldOut: inserted.length - treated.length,
      resolved: resolved.length,
    };
  }

  /**
   * The rule's open signals that may have cleared since its last evaluation: all of them on its first, or for a
   * kind that time alone can clear; otherwise those of the subjects with actions stored since then, those
   * still in flight then included (one query per watermark, shared by the rules evaluated at the same time).
   */
  private async openToCheck(
    projectId: string,
    rule: Rule,
    kind: RuleKind<RuleType>,
    watermark: number | undefined,
    activeSince: Map<number, Promise<string[]>>,
  ) {
    if (watermark === undefined || !kind.clearedByActivity) {
      return this.signals.findOpenByRule(projectId, rule.id);
    }
    if (!activeSince.has(watermark)) {
      activeSince.set(
        watermark,
        this.runner
          .rows(activeSinceQuery(projectId, receivedSince(watermark)))
          .then(([row]) => [...(row?.users ?? []), ...(row?.accounts ?? [])]),
      );
    }
    return this.signals.findOpenByRule(projectId, rule.id, await activeSince.get(watermark));
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
      heldOut: isHeldOut(rule.id, key, rule.holdout_pct),
    };
  }

  /** Names the account of each detection about a user: the account the user acted in last. */
  private async withAccounts(projectId: string, detections: Detection[]): Promise<Detection[]> {
    const users = [
      ...new Set(detections.flatMap((d) => (d.subject.userId !== undefined ? [d.subject.userId] : []))),
    ];
    if (!users.length) return detections;
    const rows = await this.runner.rows(accountsOfUsersQuery(projectId, users));
    const accountOf = new Map(rows.map((r) => [r.user, r.account]));
    return detections.map((d) =>
      d.subject.userId !== undefined && accountOf.has(d.subject.userId)
        ? { ...d, subject: { ...d.subject, accountId: accountOf.get(d.subject.userId) } }
        : d,
    );
  }
}
