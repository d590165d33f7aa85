import { type DailyUsage, evaluateUsageDecline, usageDeclineWindow } from '@bindery/rules';
import { activeUsersByDayQuery, type DailyUsageRow } from '../daily-usage';
import { type KindContext, type RuleKind } from './rule-kind';

/** The accounts' daily metric over the window: actions from the evaluation's shared read, active users here. */
async function dailyUsage(
  { projectId, params, runner, actions }: KindContext<'usage_decline'>,
  window: { firstDay: number; lastDay: number },
  accounts?: string[],
): Promise<DailyUsageRow[]> {
  if (params.metric === 'active_users') {
    return runner.rows(activeUsersByDayQuery(projectId, window, accounts));
  }
  const rows = await actions.rows(window);
  if (!accounts) return rows;
  const only = new Set(accounts);
  return rows.filter((r) => only.has(r.account_id));
}

const usage = (rows: DailyUsageRow[]): DailyUsage[] =>
  rows.map((r) => ({ accountId: r.account_id, byDay: new Map(r.days) }));

/** Accounts whose recent usage fell below a share of their baseline. */
export const usageDecline: RuleKind<'usage_decline'> = {
  clearedByActivity: false,
  actionDays: (params, today) =>
    params.metric === 'events' ? [usageDeclineWindow(params, today), usageDeclineWindow(params, today + 1)] : [],
  async detect(ctx) {
    const { params, today } = ctx;
    const rows = await dailyUsage(ctx, usageDeclineWindow(params, today));
    return evaluateUsageDecline(params, today, usage(rows));
  },

  /**
   * Cleared when the rule, judged with today counted (the recent span ending today rather than yesterday),
   * no longer finds the decline: a customer who recovers is seen the same day.
   */
  async resolve(ctx, open) {
    const { params, today } = ctx;
    if (!open.length) return [];
    const accounts = [...new Set(open.map((s) => s.account_id ?? ''))];
    const rows = await dailyUsage(ctx, usageDeclineWindow(params, today + 1), accounts);
    const still = new Set(
      evaluateUsageDecline(params, today + 1, usage(rows)).map((d) => d.subject.accountId),
    );
    const byAccount = new Map(usage(rows).map((u) => [u.accountId, u]));
    const unit = params.metric === 'events' ? 'actions' : 'user-days';
    return open
      .filter((s) => !still.has(s.account_id ?? ''))
      .map((s) => {
        const u = byAccount.get(s.account_id ?? '');
        let recent = 0;
        for (let d = today - params.recentDays + 1; d <= today; d++) recent += u?.byDay.get(d) ?? 0;
        return {
          signalId: s.id,
          reason: `usage back up: ${recent} ${unit} in the last ${params.recentDays} days`,
        };
      });
  },

  explain: (d) =>
    `${d.metric === 'events' ? 'Actions' : 'Active users'} fell to ${String(d.pctOfBaseline)}% of the usual level ` +
    `(${String(d.recent)} in ${String(d.recentDays)} days against ${String(d.baseline)})`,
};
