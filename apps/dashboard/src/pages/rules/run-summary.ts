import type { Rule, RuleRun } from '@bindery/contracts';

export interface RunSummary {
  signals: number;
  accountsScored: number | null;
  /** Signals per rule that was evaluated, most first. */
  perRule: { ruleId: string; name: string; signals: number }[];
}

/** Totals that the run's counts hold beside the per-rule counts (keyed by rule id). */
const TOTALS = new Set(['signals', 'accountsScored']);

export const isRunFinished = (run: RuleRun | undefined) => run?.status === 'done' || run?.status === 'failed';

/** What a run found, with rule names in place of their ids. */
export function summarizeRun(run: RuleRun, rules: Rule[]): RunSummary {
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const perRule = Object.entries(run.counts)
    .filter(([key]) => !TOTALS.has(key))
    .map(([ruleId, signals]) => ({ ruleId, name: names.get(ruleId) ?? 'A deleted rule', signals }))
    .sort((a, b) => b.signals - a.signals || a.name.localeCompare(b.name));
  return {
    signals: run.counts.signals ?? perRule.reduce((sum, r) => sum + r.signals, 0),
    accountsScored: run.counts.accountsScored ?? null,
    perRule,
  };
}
