import { type BoundQuery, personOf, type QueryRunner, uniqueActions } from '@bindery/event-queries';
import { type DayWindow } from '@bindery/rules';

/** An account's metric per day, as [day number, value] pairs for the days it has any. */
export interface DailyUsageRow {
  account_id: string;
  days: [number, number][];
}

const days = `day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})`;

/** Each account's actions (each event once) or active users per day in the window. */
export function dailyUsageQuery(
  projectId: string,
  metric: 'events' | 'active_users',
  window: DayWindow,
  accounts?: string[],
): BoundQuery<DailyUsageRow> {
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

const covers = (outer: DayWindow, inner: DayWindow) =>
  outer.firstDay <= inner.firstDay && inner.lastDay <= outer.lastDay;

const union = (windows: DayWindow[]): DayWindow => ({
  firstDay: Math.min(...windows.map((w) => w.firstDay)),
  lastDay: Math.max(...windows.map((w) => w.lastDay)),
});

/**
 * Each account's actions per day, read from `events` once per evaluation and shared by account health and
 * the rules that count actions: each read is a scan of every event of its days (with FINAL, so that a retried
 * event counts once), the costliest input of an evaluation. The first read covers every window announced up
 * front as well as its own; a later window outside it is read again, with the earlier one, so the answer never
 * misses a day.
 */
export class DailyActions {
  private read?: { window: DayWindow; rows: Promise<DailyUsageRow[]> };

  constructor(
    private readonly runner: QueryRunner,
    private readonly projectId: string,
    private readonly expected: DayWindow[] = [],
  ) {}

  /** Rows holding at least every day of `window` (days outside it may be there too). */
  rows(window: DayWindow): Promise<DailyUsageRow[]> {
    if (!this.read || !covers(this.read.window, window)) {
      const wanted = union([window, ...(this.read ? [this.read.window] : this.expected)]);
      this.read = { window: wanted, rows: this.runner.rows(dailyUsageQuery(this.projectId, 'events', wanted)) };
    }
    return this.read.rows;
  }
}
