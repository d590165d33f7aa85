import { type AccountDetail, type AccountSummary, type EventRow } from '@bindery/contracts';
import {
  type Action,
  DAY_MS,
  actionsOf,
  compareText,
  dayOf,
  dayString,
  groupBy,
  iso,
  uniqueRows,
} from './common.reference';

interface AccountData {
  traits: Record<string, unknown>;
  /** The account's actions up to the end of day D. */
  actions: Action[];
}

function accountsOf(events: EventRow[], projectId: string, asOf: number): Map<string, AccountData> {
  const end = (dayOf(asOf) + 1) * DAY_MS;
  const accounts = new Map<string, AccountData>();
  const get = (id: string): AccountData => {
    let data = accounts.get(id);
    if (!data) accounts.set(id, (data = { traits: {}, actions: [] }));
    return data;
  };
  // Oldest first, so that each key ends up with its newest value.
  const groups = uniqueRows(events, projectId)
    .filter((row) => row.type === 'group' && row.account_id !== '')
    .sort((a, b) => a.timestamp - b.timestamp || a.received_at - b.received_at);
  for (const row of groups) {
    const traits: unknown = JSON.parse(row.traits || '{}');
    if (traits !== null && typeof traits === 'object' && !Array.isArray(traits)) {
      Object.assign(get(row.account_id).traits, traits);
    } else get(row.account_id);
  }
  for (const a of actionsOf(events, projectId)) {
    if (a.account === '') continue;
    const data = get(a.account);
    if (a.time < end) data.actions.push(a);
  }
  return accounts;
}

/** Each user's traits: those of the events that carry traits (all but group calls), the newest value per key. */
function userTraitsOf(events: EventRow[], projectId: string): Map<string, Record<string, unknown>> {
  const users = new Map<string, Record<string, unknown>>();
  const rows = uniqueRows(events, projectId)
    .filter((row) => row.type !== 'group' && row.user_id !== '' && row.traits && row.traits !== '{}')
    .sort((a, b) => a.timestamp - b.timestamp);
  for (const row of rows) {
    const traits: unknown = JSON.parse(row.traits);
    if (traits !== null && typeof traits === 'object' && !Array.isArray(traits)) {
      users.set(row.user_id, { ...users.get(row.user_id), ...traits });
    }
  }
  return users;
}

/** A trait as the API names people: a string with more than spaces, trimmed; else null. */
const nameText = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const inDays = (a: Action, first: number, last: number): boolean => {
  const day = dayOf(a.time);
  return day >= first && day <= last;
};

const people = (actions: Action[]): Set<string> => new Set(actions.map((a) => a.person));

const latest = (actions: Action[]): number | null =>
  actions.length === 0 ? null : actions.reduce((max, a) => Math.max(max, a.time), -Infinity);

function summary(id: string, data: AccountData, d: number): AccountSummary {
  const lastSeen = latest(data.actions);
  const weeklyEvents: number[] = [];
  for (let ago = 7; ago >= 0; ago--) {
    const last = d - 7 * ago;
    weeklyEvents.push(data.actions.filter((a) => inDays(a, last - 6, last)).length);
  }
  return {
    id,
    traits: data.traits,
    users: people(data.actions.filter((a) => inDays(a, d - 89, d))).size,
    activeUsers7d: people(data.actions.filter((a) => inDays(a, d - 6, d))).size,
    activeUsers30d: people(data.actions.filter((a) => inDays(a, d - 29, d))).size,
    lastSeenAt: lastSeen === null ? null : iso(lastSeen),
    weeklyEvents,
    // Health comes from the rules worker, not from events: null until it has run (the tests that compare
    // accounts with this reference do not run it).
    health: null,
  };
}

/** Every account of the project as `GET /accounts` lists it (all pages), by id. */
export function referenceAccounts(events: EventRow[], projectId: string, asOf: number): AccountSummary[] {
  const d = dayOf(asOf);
  return [...accountsOf(events, projectId, asOf)]
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, data]) => summary(id, data, d));
}

/** One account as `GET /accounts/:accountId` shows it; throws for an account the project does not know. */
export function referenceAccountDetail(
  events: EventRow[],
  projectId: string,
  accountId: string,
  asOf: number,
): AccountDetail {
  const data = accountsOf(events, projectId, asOf).get(accountId);
  if (!data) throw new Error(`unknown account ${accountId}`);
  const d = dayOf(asOf);
  const recent = data.actions.filter((a) => inDays(a, d - 29, d));

  const daily: AccountDetail['daily'] = [];
  for (let day = d - 29; day <= d; day++) {
    const own = recent.filter((a) => dayOf(a.time) === day);
    daily.push({ day: dayString(day), events: own.length, activeUsers: people(own).size });
  }

  const features = [...groupBy(recent, (a) => a.feature)]
    .map(([feature, uses]) => ({
      feature,
      uses: uses.length,
      users: people(uses).size,
      lastUsedAt: iso(latest(uses) ?? 0),
    }))
    .sort((a, b) => b.uses - a.uses || compareText(a.feature, b.feature));

  const userTraits = userTraitsOf(events, projectId);
  const members = [...groupBy(data.actions, (a) => (inDays(a, d - 89, d) ? a.person : null)).keys()]
    .map((id) => {
      const own = data.actions.filter((a) => a.person === id);
      return {
        id,
        lastSeen: latest(own) ?? 0,
        events30d: own.filter((a) => inDays(a, d - 29, d)).length,
      };
    })
    .sort((a, b) => b.lastSeen - a.lastSeen || compareText(a.id, b.id))
    .map(({ id, lastSeen, events30d }) => ({
      id,
      name: nameText(userTraits.get(id)?.name),
      email: nameText(userTraits.get(id)?.email),
      lastSeenAt: iso(lastSeen),
      events30d,
    }));

  return { ...summary(accountId, data, d), daily, features, members };
}
