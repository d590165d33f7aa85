import {
  type ResolvedProjectSettings,
  type RuleParams,
  type RuleScope,
  type RuleType,
} from '@bindery/contracts';
import { type AccountHealthRepository, type FunnelRepository, type Rule, type Signal } from '@bindery/db';
import { personOf, type QueryRunner } from '@bindery/event-queries';
import { type DayWindow, type Detection, type Subject } from '@bindery/rules';
import { type DailyActions } from '../daily-usage';

/** What a rule kind works with in one evaluation of one rule. */
export interface KindContext<T extends RuleType> {
  projectId: string;
  rule: Rule;
  params: RuleParams<T>;
  /** The evaluation's time, and its UTC day number. */
  now: number;
  today: number;
  /** When this version of the rule was last evaluated; undefined on its first evaluation. */
  watermark?: number;
  settings: ResolvedProjectSettings;
  runner: QueryRunner;
  funnels: FunnelRepository;
  healthHistory: AccountHealthRepository;
  /** The accounts' actions per day, read once for the evaluation (see {@link RuleKind.actionDays}). */
  actions: DailyActions;
}

/** An open signal whose condition no longer holds, and why, in words a person reads. */
export interface Resolution {
  signalId: string;
  reason: string;
}

/**
 * Everything about one type of rule: what it detects (its window, its query and its evaluation), when one of
 * its open signals has cleared by the rule's own definition, and how a signal reads to a person.
 */
export interface RuleKind<T extends RuleType> {
  /**
   * Whether only a subject's new actions can clear its signals (true), so that a run re-checks only the
   * subjects with actions received since the last; false when time alone can (a window that moves each day).
   */
  clearedByActivity: boolean;
  /**
   * Whether the rule reads the health scores of the day, which the evaluation writes: it starts once they are
   * written; the other rules run beside the scoring.
   */
  readsHealth?: true;
  /**
   * The days of actions per account ({@link KindContext.actions}) the rule reads when evaluated on `today`, so
   * that the evaluation's one read covers them; none for a rule that reads no such counts.
   */
  actionDays?(params: RuleParams<T>, today: number): DayWindow[];
  /** The subjects for which the rule's condition holds now (new ones become signals; repeats are skipped). */
  detect(ctx: KindContext<T>): Promise<Detection[]>;
  /** Of the rule's open signals, those whose condition no longer holds, with the reason. */
  resolve(ctx: KindContext<T>, open: Signal[]): Promise<Resolution[]>;
  /** One sentence about a signal of this kind, from its details. */
  explain(details: Record<string, unknown>): string;
}

/** The subject a rollup row names, for a rule of this scope. */
export const subjectOf = (scope: RuleScope, id: string): Subject =>
  scope === 'account' ? { accountId: id } : { userId: id };

/** The id a signal is about: its user for a user rule, its account for an account rule. */
export const signalSubject = (scope: RuleScope, s: Signal): string =>
  (scope === 'account' ? s.account_id : s.user_id) ?? '';

/**
 * A rollup row's subject for a rule scope, as SQL: its account, or the person its user (else anonymous) id
 * belongs to, ids merged by identity links (docs/analytics.md, People).
 */
export const rollupSubject = (scope: RuleScope) => (scope === 'account' ? 'account_id' : personOf('user_id'));

/** Day numbers (days since 1970-01-01) of an ISO day, as the evaluator writes them in details. */
export const dayOf = (isoDay: unknown) => Math.floor(Date.parse(String(isoDay)) / 86_400_000);
