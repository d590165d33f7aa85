import { Injectable } from '@nestjs/common';
import { type BoundQuery, personOf, QueryRunner, uniqueActions } from '@bindery/event-queries';
import { type DayWindow } from '@bindery/rules';

/** An account's metric per day, as [day number, value] pairs for the days it has any. */
export interface DailyUsageRow {
  account_id: string;
  days: [number, number][];
}

const days = `day >= toDate({firstDay:UInt32}) AND day <= toDate({lastDay:UInt32})`;

/** Each account's active users (people) per day in the window; actions come from {@link ActionCounts}. */
export function activeUsersByDayQuery(
  projectId: string,
  window: DayWindow,
  accounts?: string[],
): BoundQuery<DailyUsageRow> {
  const only = accounts ? ' AND account_id IN {accounts:Array(String)}' : '';
  return {
    query: `SELECT account_id, groupArray((toUInt32(day), value)) AS days
FROM (
  SELECT account_id, day, uniqExact(${personOf('user_id')}) AS value
  FROM activity_daily
  WHERE project_id = {projectId:UUID} AND account_id != '' AND ${days}${only}
  GROUP BY account_id, day
)
GROUP BY account_id`,
    params: { projectId, ...window, ...(accounts ? { accounts } : {}) },
  };
}

/**
 * What a day of a project's events looked like when its counts were taken: how many rows it had and the sum of
 * their times of receipt. A late event, a retry, a merge of a retry's rows, a person's deletion and retention
 * each change one or the other.
 */
const DAY_FINGERPRINT = `SELECT toUInt32(toDate(timestamp)) AS day,
    concat(toString(count()), ':', toString(sum(toUnixTimestamp64Milli(received_at)))) AS fingerprint
  FROM events
  WHERE project_id = {projectId:UUID} AND toDate(timestamp) >= toDate({firstDay:UInt32})
    AND toDate(timestamp) <= toDate({lastDay:UInt32})
  GROUP BY day`;

/** Each day of the window with any event: its fingerprint. */
export function dayFingerprintsQuery(
  projectId: string,
  window: DayWindow,
): BoundQuery<{ day: number; fingerprint: string }> {
  return { query: DAY_FINGERPRINT, params: { projectId, ...window } };
}

/**
 * Each day of the window with any event: its fingerprint and its accounts' actions (each event once), read
 * in one query so that the counts are those of the events the fingerprint describes.
 */
export function actionsByDayQuery(
  projectId: string,
  window: DayWindow,
): BoundQuery<{ day: number; fingerprint: string; accounts: [string, number][] }> {
  return {
    query: `SELECT f.day AS day, f.fingerprint AS fingerprint, c.accounts AS accounts
FROM (${DAY_FINGERPRINT}) AS f
LEFT JOIN (
  SELECT toUInt32(day) AS day, groupArray((account_id, value)) AS accounts
  FROM (
    SELECT account_id, day, count() AS value
    FROM (${uniqueActions(`account_id != '' AND ${days}`)})
    GROUP BY account_id, day
  )
  GROUP BY day
) AS c USING (day)`,
    params: { projectId, ...window },
  };
}

/** A day's counts: the accounts (indexes into their project's list) with actions, and how many each. */
interface CountedDay {
  fingerprint: string;
  accounts: Uint32Array;
  counts: Uint32Array;
}

/** A project's counted days, and its accounts each named once. */
interface KeptProject {
  accounts: string[];
  index: Map<string, number>;
  days: Map<number, CountedDay>;
}

/** Account-days kept for all projects together (8 bytes each); the projects read longest ago go first. */
export const MAX_KEPT_ACCOUNT_DAYS = 10_000_000;

/**
 * Each account's actions per day, kept between evaluations: counting them is a scan of every event of the
 * window with FINAL (a second on 10 M events), while checking that a day is as it was counted reads two
 * columns. A day whose fingerprint changed is counted again; the rest come from memory. The memory is this
 * process's: another rules worker counts for itself.
 */
@Injectable()
export class ActionCounts {
  /** Kept projects, the project read last at the end. */
  private readonly kept = new Map<string, KeptProject>();
  private size = 0;

  constructor(private readonly runner: QueryRunner) {}

  /** Each account's actions on each day of `window` it has any. */
  async rows(projectId: string, window: DayWindow): Promise<DailyUsageRow[]> {
    const project = this.kept.get(projectId) ?? { accounts: [], index: new Map(), days: new Map() };
    const known = project.days;
    const current = known.size ? await this.runner.rows(dayFingerprintsQuery(projectId, window)) : [];
    const stale = known.size
      ? current.filter((d) => known.get(d.day)?.fingerprint !== d.fingerprint).map((d) => d.day)
      : [window.firstDay, window.lastDay];
    const days = new Map<number, CountedDay>();
    for (const d of current) {
      const day = known.get(d.day);
      if (day) days.set(d.day, day);
    }
    if (stale.length) {
      const recount = { firstDay: Math.min(...stale), lastDay: Math.max(...stale) };
      for (const d of await this.runner.rows(actionsByDayQuery(projectId, recount))) {
        days.set(d.day, counted(project, d.fingerprint, d.accounts));
      }
    }
    // Days outside the window read before stay for a later window; a day with no events is not kept.
    for (const [day, d] of known) {
      if (day < window.firstDay || day > window.lastDay) days.set(day, d);
    }
    this.keep(projectId, { ...project, days });
    return byAccount(project.accounts, days, window);
  }

  private forget(projectId: string): void {
    for (const d of this.kept.get(projectId)?.days.values() ?? []) this.size -= d.counts.length;
    this.kept.delete(projectId);
  }

  private keep(projectId: string, project: KeptProject): void {
    // The project's days read before (or by a read that ran meanwhile) are replaced, and it moves to the end.
    this.forget(projectId);
    for (const d of project.days.values()) this.size += d.counts.length;
    this.kept.set(projectId, project);
    for (const [oldest] of this.kept) {
      if (this.size <= MAX_KEPT_ACCOUNT_DAYS) break;
      this.forget(oldest);
    }
  }
}

/** A day's counts as kept, its accounts added to the project's list. */
function counted(project: KeptProject, fingerprint: string, rows: [string, number][]): CountedDay {
  const accounts = new Uint32Array(rows.length);
  const counts = new Uint32Array(rows.length);
  for (const [i, [account, n]] of rows.entries()) {
    let at = project.index.get(account);
    if (at === undefined) {
      at = project.accounts.push(account) - 1;
      project.index.set(account, at);
    }
    accounts[i] = at;
    counts[i] = n;
  }
  return { fingerprint, accounts, counts };
}

/** The days of `window` as rows per account. */
function byAccount(names: string[], days: Map<number, CountedDay>, window: DayWindow): DailyUsageRow[] {
  const rows = new Map<number, [number, number][]>();
  for (const [day, d] of days) {
    if (day < window.firstDay || day > window.lastDay) continue;
    for (let i = 0; i < d.accounts.length; i++) {
      const at = d.accounts[i] as number;
      let row = rows.get(at);
      if (!row) rows.set(at, (row = []));
      row.push([day, d.counts[i] as number]);
    }
  }
  return [...rows].map(([at, pairs]) => ({
    account_id: names[at] as string,
    days: pairs.sort((a, b) => a[0] - b[0]),
  }));
}

const covers = (outer: DayWindow, inner: DayWindow) =>
  outer.firstDay <= inner.firstDay && inner.lastDay <= outer.lastDay;

const union = (windows: DayWindow[]): DayWindow => ({
  firstDay: Math.min(...windows.map((w) => w.firstDay)),
  lastDay: Math.max(...windows.map((w) => w.lastDay)),
});

/**
 * Each account's actions per day for one evaluation, shared by account health and the rules that count
 * actions, from {@link ActionCounts}. The first read covers every window announced up front as well as its
 * own; a later window outside it is read again, with the earlier one, so the answer never misses a day.
 */
export class DailyActions {
  private read?: { window: DayWindow; rows: Promise<DailyUsageRow[]> };

  constructor(
    private readonly counts: ActionCounts,
    private readonly projectId: string,
    private readonly expected: DayWindow[] = [],
  ) {}

  /** Rows holding at least every day of `window` (days outside it may be there too). */
  rows(window: DayWindow): Promise<DailyUsageRow[]> {
    if (!this.read || !covers(this.read.window, window)) {
      const wanted = union([window, ...(this.read ? [this.read.window] : this.expected)]);
      this.read = { window: wanted, rows: this.counts.rows(this.projectId, wanted) };
    }
    return this.read.rows;
  }
}
