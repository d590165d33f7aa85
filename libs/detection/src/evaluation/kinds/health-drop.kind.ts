import { evaluateHealthDrop } from '@bindery/rules';
import { type KindContext, type RuleKind } from './rule-kind';

/** The rule's parameters, its threshold the project's at-risk line unless it has one of its own. */
const withThreshold = ({ params, settings }: KindContext<'health_drop'>) => ({
  ...params,
  threshold: params.threshold ?? settings.atRiskBelow,
});

/** Each account's scores that the rule reads: today's, and the highest of its days before. */
async function histories({ projectId, params, today, healthHistory }: KindContext<'health_drop'>) {
  const scores = await healthHistory.dropScores(projectId, today - params.days, today);
  return [...scores].map(([accountId, days]) => ({ accountId, scores: days }));
}

/** Accounts whose health is below a threshold (the project's at-risk line by default), or fell some points. */
export const healthDrop: RuleKind<'health_drop'> = {
  clearedByActivity: false,
  readsHealth: true,
  async detect(ctx) {
    return evaluateHealthDrop(withThreshold(ctx), ctx.today, await histories(ctx));
  },

  /** Cleared when today's score (computed at the start of this evaluation) no longer meets the rule. */
  async resolve(ctx, open) {
    if (!open.length) return [];
    const accounts = await histories(ctx);
    const still = new Set(
      evaluateHealthDrop(withThreshold(ctx), ctx.today, accounts).map((d) => d.subject.accountId),
    );
    const scoreOf = new Map(
      accounts.map((a) => [a.accountId, a.scores.find((s) => s.day === ctx.today)?.score]),
    );
    return open.flatMap((s) => {
      const score = scoreOf.get(s.account_id ?? '');
      return score === undefined || still.has(s.account_id ?? '')
        ? []
        : [{ signalId: s.id, reason: `health back to ${score}` }];
    });
  },

  explain: (d) =>
    d.threshold !== null && Number(d.score) < Number(d.threshold)
      ? `Health ${String(d.score)}, below ${String(d.threshold)}`
      : `Health fell to ${String(d.score)} from ${String(d.peak)} in ${String(d.days)} days`,
};
