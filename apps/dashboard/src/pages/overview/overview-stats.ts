import type { AccountSummary, EventDefinitionList, Task } from '@bindery/contracts';
import { isAtRisk } from '../../components/HealthBadge';
import type { AccountRow } from '../accounts/account-rows';

/** Accounts with an action today (UTC), in the last 7 and 30 days, and all known accounts. */
export function activeAccounts(accounts: AccountSummary[], now = Date.now()) {
  const today = Math.floor(now / 86_400_000) * 86_400_000;
  return {
    today: accounts.filter((a) => a.lastSeenAt !== null && Date.parse(a.lastSeenAt) >= today).length,
    week: accounts.filter((a) => a.activeUsers7d > 0).length,
    month: accounts.filter((a) => a.activeUsers30d > 0).length,
    total: accounts.length,
  };
}

/** The accounts at risk, lowest score first; on a tie, the one bringing more revenue first. */
export function atRiskAccounts(rows: AccountRow[], atRiskBelow: number): AccountRow[] {
  return rows
    .filter((r) => isAtRisk(r.score, atRiskBelow))
    .sort((a, b) => a.score! - b.score! || (b.mrr ?? 0) - (a.mrr ?? 0) || a.name.localeCompare(b.name));
}

/** The `count` most recently created tasks. */
export function newestTasks(tasks: Task[], count: number): Task[] {
  return [...tasks].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, count);
}

/** All events stored, and when the newest arrived: the event definitions' counts and last times. */
export function eventTotals(list: EventDefinitionList): { total: number; lastSeen: string | null } {
  let total = 0;
  let lastSeen: string | null = null;
  for (const d of list.definitions) {
    total += d.count;
    if (!lastSeen || Date.parse(d.lastSeen) > Date.parse(lastSeen)) lastSeen = d.lastSeen;
  }
  return { total, lastSeen };
}
