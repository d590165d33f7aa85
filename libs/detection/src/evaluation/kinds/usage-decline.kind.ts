import { type BoundQuery, personOf, uniqueActions } from '@bindery/event-queries';
import { type DayWindow, type DailyUsage, evaluateUsageDecline, usageDeclineWindow } from '@bindery/rules';
import { type RuleKind } from './rule-kind';

const days = `day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})`;

/** Each account's actions (or active users) per day in the window, as [day, value] pairs. */
export function dailyUsageQuery(
  projectId: string,
  metric: 'events' | 'active_users',
  window: DayWindow,
  accounts?: string[],
): BoundQuery<{ account_id: string; days: [number, number][] }> {
  const only = accounts ? ' AND account_id IN {accounts:Array(String)}' : '';
  const rows =
    metric === 'events'
      ? uniqueActions(`account_id != '' AND ${days}${only}`)
      : `SELECT account_id, ${personOf('user_id')} AS person, day
    FROM activity_daily
    WHERE project_id = {projectId:UUID} AND account_id != '' AND ${days}${only}`;
  const value = metric === 'events' ? 'count()' : 'uniqExact(person)';
  return {
    query: `SELECT account_id, groupArray((toUInt32(day), value)) AS days
FROM (
  SELECT account_id, day, ${value} AS value
  FROM (
    ${rows}
  )
  GROUP BY account_id, day
)
GROUP BY account_id`,
    params: { projectId, ...window, ...(accounts ? { accounts } : {}) },
  };
}

const usage = (rows: { account_id: string; days: [number, number][] }[]): DailyUsage[] =>
  rows.map((r) => ({ accountId: r.account_id, byDay: new Map(r.days) }));

/** Accounts whose recent usage fell below a share of their baseline. */
export const usageDecline: RuleKind<'usage_decline'> = {
  clearedByActivity: false,
  async detect({ projectId, params, today, runner }) {
    const rows = await runner.rows(
      dailyUsageQuery(projectId, params.metric, usageDeclineWindow(params, today)),
    );
    return evaluateUsageDecline(params, today, usage(rows));
  },

  /**
   * Cleared when the rule, judged with today counted (the recent span ending today rather than yesterday),
   * no longer finds the decline: a customer who recovers is seen the same day.
   */
  async resolve({ projectId, params, today, runner }, open) {
    if (!open.length) return [];
    const accounts = [...new Set(open.map((s) => s.account_id ?? ''))];
    const rows = await runner.rows(
      dailyUsageQuery(projectId, params.metric, usageDeclineWindow(params, today + 1), accounts),
    );
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
