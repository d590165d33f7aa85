import type { AccountListItem } from '@bindery/contracts';
import type { QueryParams } from '../../api/client';
import type { AbcClass } from '../../components/HealthBadge';

/** An account as the accounts table shows it: traits read, open tasks counted. */
export interface AccountRow {
  id: string;
  /** The `name` trait, else the id. */
  name: string;
  score: number | null;
  abc: AbcClass | null;
  mrr: number | null;
  csm: string | null;
  plan: string | null;
  weeklyEvents: number[];
  /** Last week's events against the three weeks before, as a share (-0.4: 40% fewer); null without a base. */
  trend: number | null;
  users: number;
  activeUsers7d: number;
  activeUsers30d: number;
  lastSeenAt: string | null;
  openTasks: number;
}

/** The address of an account's page; the id is encoded, as ids may hold any character. */
export const accountPath = (id: string) => `/accounts/${encodeURIComponent(id)}`;

/** A trait as text, if it is a non-empty string. */
export function textTrait(traits: Record<string, unknown>, name: string): string | null {
  const value = traits[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** A trait as a number: a number, or a string holding one (SDKs send either). */
export function numberTrait(traits: Record<string, unknown>, name: string): number | null {
  const value = traits[name];
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The change of the last week against the mean of the three before it. */
export function weeklyTrend(weekly: number[]): number | null {
  if (weekly.length < 4) return null;
  const last = weekly[weekly.length - 1]!;
  const base = weekly.slice(-4, -1).reduce((sum, n) => sum + n, 0) / 3;
  return base > 0 ? last / base - 1 : null;
}

export function toAccountRow(account: AccountListItem): AccountRow {
  return {
    id: account.id,
    name: textTrait(account.traits, 'name') ?? account.id,
    score: account.health?.score ?? null,
    abc: account.health?.abc ?? null,
    mrr: numberTrait(account.traits, 'mrr'),
    csm: textTrait(account.traits, 'csm_email'),
    plan: textTrait(account.traits, 'plan'),
    weeklyEvents: account.weeklyEvents,
    trend: weeklyTrend(account.weeklyEvents),
    users: account.users,
    activeUsers7d: account.activeUsers7d,
    activeUsers30d: account.activeUsers30d,
    lastSeenAt: account.lastSeenAt,
    openTasks: account.openTasks,
  };
}

/** The table's filters; empty strings mean "any". */
export interface AccountFilter {
  /** Part of the name, id or CSM email, any case. */
  text: string;
  /** A class, or `none` for accounts without one. */
  abc: '' | AbcClass | 'none';
  /** A CSM email, or `none` for accounts without a CSM. */
  csm: string;
  atRisk: boolean;
}

export const NO_FILTER: AccountFilter = { text: '', abc: '', csm: '', atRisk: false };
export const NONE = 'none';

/** The filter as the accounts API takes it: the server filters, sorts and pages (`none` means without one). */
export function filterToQuery(filter: AccountFilter): QueryParams {
  const text = filter.text.trim();
  return {
    q: text || undefined,
    abc: filter.abc || undefined,
    csm: filter.csm || undefined,
    risk: filter.atRisk || undefined,
  };
}

const ABC_VALUES = ['A', 'B', 'C', NONE] as const;

/** The filter kept in the address (`?q=&abc=&csm=&risk=1`), so that it survives opening an account and back. */
export function filterFromParams(params: URLSearchParams): AccountFilter {
  const abc = params.get('abc') ?? '';
  return {
    text: params.get('q') ?? '',
    abc: (ABC_VALUES as readonly string[]).includes(abc) ? (abc as AccountFilter['abc']) : '',
    csm: params.get('csm') ?? '',
    atRisk: params.get('risk') === '1',
  };
}

export function filterToParams(filter: AccountFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.text) params.set('q', filter.text);
  if (filter.abc) params.set('abc', filter.abc);
  if (filter.csm) params.set('csm', filter.csm);
  if (filter.atRisk) params.set('risk', '1');
  return params;
}
