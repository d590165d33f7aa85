import { type AccountListQuery, type AccountSortKey, InvalidInput } from '@bindery/contracts';
import { traitText, traitValue } from '@bindery/event-queries';

/**
 * What the ranked accounts list filters and sorts an account by, and the overview counts; the activity columns
 * only when sorted by (open tasks are counted for the sort by them, see {@link sortAccounts}).
 */
export interface AccountFacts {
  id: string;
  /** The `name` trait, else the id. */
  name: string;
  csm: string | null;
  mrr: number | null;
  score: number | null;
  abc: 'A' | 'B' | 'C' | null;
  /** The last action on or before D, in epoch milliseconds. */
  lastSeen: number | null;
  active7?: number;
  active30?: number;
  trend?: number | null;
}

/** The facts a sort key needs beyond the traits, last action and health every ranking reads. */
export type ExtraFacts = 'activity' | 'openTasks' | null;

export interface AccountSort {
  key: AccountSortKey;
  descending: boolean;
}

export type AccountFilter = Pick<AccountListQuery, 'q' | 'abc' | 'csm' | 'risk'>;

/** Whether a list query asks for the ranked list (a sort or a filter) rather than the plain list by id. */
export const isRanked = (q: AccountListQuery) =>
  q.sort !== undefined || q.q !== undefined || q.abc !== undefined || q.csm !== undefined || q.risk === true;

export function parseSort(raw: string | undefined): AccountSort {
  const key = (raw ?? 'name').replace(/^-/, '') as AccountSortKey;
  return { key, descending: raw?.startsWith('-') ?? false };
}

export function extraFactsOf(key: AccountSortKey): ExtraFacts {
  if (key === 'active7' || key === 'active30' || key === 'trend') return 'activity';
  return key === 'openTasks' ? key : null;
}

/** A trait's stored JSON text as text, if it holds a non-empty string (as the dashboard reads traits). */
export function textOf(stored: string): string | null {
  if (stored === '') return null;
  return traitText(traitValue(stored));
}

/** A trait's stored JSON text as a number: a number, or a string holding one (SDKs send either). */
export function numberOf(stored: string): number | null {
  if (stored === '') return null;
  const value = traitValue(stored);
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Last week's actions against the mean of the three weeks before, as a share; null without a base. */
export function trendOf(lastWeek: number, priorWeeks: number): number | null {
  const base = priorWeeks / 3;
  return base > 0 ? lastWeek / base - 1 : null;
}

/** The test an account must pass to be listed, or null when the filter keeps every account. */
export function filterOf(f: AccountFilter, atRiskBelow: number): ((a: AccountFacts) => boolean) | null {
  const text = f.q?.trim().toLowerCase() ?? '';
  const { abc, csm } = f;
  const risk = f.risk === true;
  if (!text && abc === undefined && csm === undefined && !risk) return null;
  return (a) =>
    (!text ||
      a.name.toLowerCase().includes(text) ||
      a.id.toLowerCase().includes(text) ||
      (a.csm ?? '').toLowerCase().includes(text)) &&
    (abc === undefined || (abc === 'none' ? a.abc === null : a.abc === abc)) &&
    (csm === undefined || (csm === 'none' ? a.csm === null : a.csm === csm)) &&
    (!risk || (a.score !== null && a.score < atRiskBelow));
}

const collator = new Intl.Collator();

const SORT_VALUE: Record<
  AccountSortKey,
  (a: AccountFacts, openTasks: ReadonlyMap<string, number>) => number | string | null
> = {
  name: (a) => a.name.toLowerCase(),
  health: (a) => a.score,
  abc: (a) => a.abc,
  mrr: (a) => a.mrr,
  csm: (a) => a.csm,
  trend: (a) => a.trend ?? null,
  active7: (a) => a.active7 ?? 0,
  active30: (a) => a.active30 ?? 0,
  lastSeen: (a) => a.lastSeen,
  openTasks: (a, openTasks) => openTasks.get(a.id) ?? 0,
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The accounts by id: as they are when they already are so (the facts are read in that order). */
function inIdOrder(accounts: readonly AccountFacts[]): readonly AccountFacts[] {
  for (let i = 1; i < accounts.length; i++) {
    if (accounts[i - 1]!.id >= accounts[i]!.id) return [...accounts].sort(byId);
  }
  return accounts;
}

/**
 * The accounts in the order of the column, as the dashboard's tables sort: empty values last either way, ties by
 * id. `openTasks` counts each account's open tasks, for the sort by them.
 */
export function sortAccounts(
  accounts: readonly AccountFacts[],
  sort: AccountSort,
  openTasks: ReadonlyMap<string, number> = new Map(),
): AccountFacts[] {
  const value = SORT_VALUE[sort.key];
  const sign = sort.descending ? -1 : 1;
  // A tie compares positions in id order, numbers, rather than the ids again.
  return inIdOrder(accounts)
    .map((a, i) => ({ a, i, v: value(a, openTasks) }))
    .sort((x, y) => {
      if (x.v === null || y.v === null) return x.v === y.v ? x.i - y.i : x.v === null ? 1 : -1;
      const c =
        typeof x.v === 'number' && typeof y.v === 'number'
          ? x.v - y.v
          : collator.compare(String(x.v), String(y.v));
      return c === 0 ? x.i - y.i : c * sign;
    })
    .map((x) => x.a);
}

/** The accounts at risk in the overview's order: lowest score, then more MRR, then name, then id. */
export function atRiskOrder(accounts: readonly AccountFacts[], atRiskBelow: number): AccountFacts[] {
  return accounts
    .filter((a) => a.score !== null && a.score < atRiskBelow)
    .sort(
      (a, b) =>
        a.score! - b.score! || (b.mrr ?? 0) - (a.mrr ?? 0) || collator.compare(a.name, b.name) || byId(a, b),
    );
}

/** The cursor of a ranked page: the offset of its first row. */
export function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64url');
}

export function decodeOffset(cursor: string): number {
  try {
    const { offset } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown };
    if (typeof offset === 'number' && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor of this ranked list');
}
