import { minOf, type RuleScope } from '@bindery/contracts';
import { ACTIONS, type BoundQuery, EVENT_PERSON, personOf } from '@bindery/event-queries';
import { type DayWindow, evaluateInactivity, inactivityWindow, isoDay, sinceWatermark } from '@bindery/rules';
import { dayOf, type Resolution, type RuleKind, signalSubject, rollupSubject, subjectOf } from './rule-kind';

const DAY_MS = 86_400_000;

/** Each subject's last day with an action (or one of `keyEvents`) in the window. */
export function lastActiveQuery(
  projectId: string,
  scope: RuleScope,
  window: DayWindow,
  keyEvents?: string[],
): BoundQuery<{ subject: string; last_day: number }> {
  if (keyEvents) {
    const subject = scope === 'account' ? 'account_id' : EVENT_PERSON;
    return {
      query: `SELECT ${subject} AS subject, toUInt32(toDate(max(timestamp))) AS last_day
FROM events
WHERE project_id = {projectId:UUID} AND ${ACTIONS} AND event IN {keyEvents:Array(String)}
  AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp < fromUnixTimestamp64Milli({toMs:Int64})
GROUP BY subject
HAVING subject != ''`,
      params: {
        projectId,
        keyEvents,
        fromMs: window.firstDay * DAY_MS,
        toMs: (window.lastDay + 1) * DAY_MS,
      },
    };
  }
  const s = rollupSubject(scope);
  return {
    query: `SELECT ${s} AS subject, toUInt32(max(day)) AS last_day
FROM activity_daily
WHERE project_id = {projectId:UUID} AND subject != '' AND day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})
GROUP BY subject`,
    params: { projectId, ...window },
  };
}

/**
 * For quiet subjects, their last active day since `firstDay` (today included) and, for accounts, their users
 * active in the last 7 days and in the last 90: what a CSM reads when the account comes back.
 */
export function activeAgainQuery(
  projectId: string,
  scope: RuleScope,
  subjects: string[],
  firstDay: number,
  today: number,
): BoundQuery<{ subject: string; last_day: number; week_users: number; users: number }> {
  const s = rollupSubject(scope);
  const users =
    scope === 'account'
      ? `uniqExactIf(${personOf('user_id')}, day > toDate({today:UInt32}) - 7) AS week_users,
    uniqExact(${personOf('user_id')}) AS users`
      : '0 AS week_users, 0 AS users';
  return {
    query: `SELECT ${s} AS subject, toUInt32(maxIf(day, day >= toDate({firstDay:UInt32}))) AS last_day, ${users}
FROM activity_daily
WHERE project_id = {projectId:UUID} AND subject IN {subjects:Array(String)}
  AND day > toDate({today:UInt32}) - 90 AND day <= toDate({today:UInt32})
GROUP BY subject`,
    params: { projectId, subjects, firstDay, today },
  };
}

/** Subjects active in the lookback that then went `days` full days without a (key) action. */
export const inactivity: RuleKind<'inactivity'> = {
  clearedByActivity: true,
  async detect({ projectId, rule, params, today, watermark, runner }) {
    const watermarkDay = watermark === undefined ? undefined : Math.floor(watermark / DAY_MS);
    const window = sinceWatermark(inactivityWindow(params, today), watermarkDay, params.days);
    const rows = await runner.rows(lastActiveQuery(projectId, rule.scope, window, params.keyEvents));
    return evaluateInactivity(
      params,
      today,
      rows.map((r) => ({ subject: subjectOf(rule.scope, r.subject), lastActiveDay: r.last_day })),
    );
  },

  /** Cleared by any (key) action after the last active day the signal names, today's included. */
  async resolve({ projectId, rule, params, today, runner }, open) {
    if (!open.length) return [];
    const quietSince = new Map(open.map((s) => [s.id, dayOf(s.details.lastActiveDay)]));
    const firstDay = minOf(quietSince.values()) + 1;
    const subjects = [...new Set(open.map((s) => signalSubject(rule.scope, s)))];
    const rows = await runner.rows<{ subject: string; last_day: number; week_users: number; users: number }>(
      params.keyEvents
        ? lastActiveQuery(projectId, rule.scope, { firstDay, lastDay: today }, params.keyEvents)
        : activeAgainQuery(projectId, rule.scope, subjects, firstDay, today),
    );
    const bySubject = new Map(rows.map((r) => [r.subject, r]));
    return open.flatMap((signal): Resolution[] => {
      const row = bySubject.get(signalSubject(rule.scope, signal));
      const since = quietSince.get(signal.id) as number;
      if (!row || row.last_day <= since) return [];
      const reason =
        rule.scope === 'account' && !params.keyEvents && row.users
          ? `active again: ${row.week_users} of ${row.users} users this week`
          : `active again on ${isoDay(row.last_day)}`;
      return [{ signalId: signal.id, reason }];
    });
  },

  explain: (d) => `No activity for ${String(d.daysQuiet)} days (last active ${String(d.lastActiveDay)})`,
};
