import { type HealthDays } from '@bindery/db';
import {
  abcClasses,
  DAY_MS,
  type DayWindow,
  type HealthInput,
  healthScore,
  type HealthWeights,
  isoDay,
  keyFeaturesOf,
} from '@bindery/rules';
import { type DailyUsageRow } from './daily-usage';

/** What {@link scoreDays} reads, as the queries of health.query.ts return it: arrays with a value per day. */
export interface HealthSpanData {
  /** Last active day in the 90 days up to each day (0: none), users active in 30 and in 90 days. */
  users: { account_id: string; last_day: number[]; active30: number[]; users90: number[] }[];
  /** Actions in the 7 days up to each day, and in the 28 days before those. */
  actions: { account_id: string; last7: number[]; before28: number[] }[];
  /** The runs of days each account used each key feature of any day of the span (30-day windows). */
  featureRuns: { account_id: string; feature: string; starts: number[]; ends: number[] }[];
  mrr: { account_id: string; mrr: string; set_at: number }[];
  /** The sum of the people's latest survey answers (0–100 each) up to each day, and how many people answered. */
  sentiment: { account_id: string; points: number[]; people: number[] }[];
  /** Open signals at the end of each day, per account. */
  openSignals: Map<string, number[]>;
}

const spanDays = (span: DayWindow) => span.lastDay - span.firstDay + 1;

/** Days of actions an account's health reads up to its day: the 7 of its trend and the 28 before them. */
export const ACTION_DAYS = 35;

/**
 * For each account with actions in the {@link ACTION_DAYS} days up to any day of the span, per day: its
 * actions in the 7 days up to it and in the 28 days before those, from its actions per day (days outside
 * the span's reach are ignored).
 */
export function actionWindows(span: DayWindow, rows: DailyUsageRow[]): HealthSpanData['actions'] {
  const length = spanDays(span);
  const result: HealthSpanData['actions'] = [];
  for (const r of rows) {
    const last7 = new Array<number>(length).fill(0);
    const before28 = new Array<number>(length).fill(0);
    let reached = false;
    for (const [day, n] of r.days) {
      // Day `day` is among the last 7 of days day..day+6 and among the 28 before those of days day+7..day+34.
      for (let i = Math.max(0, day - span.firstDay); i < length && span.firstDay + i < day + ACTION_DAYS; i++) {
        const sums = span.firstDay + i < day + 7 ? last7 : before28;
        sums[i] = (sums[i] ?? 0) + n;
        reached = true;
      }
    }
    if (reached) result.push({ account_id: r.account_id, last7, before28 });
  }
  return result;
}

/** The key features of one day: which, and how many the breadth component divides by. */
export interface DayKeys {
  features: string[];
  count: number;
}

/** A trait's JSON text as a number, when it is one (MRR may arrive as 1200 or "1200"). */
export function asNumber(text: string): number | null {
  try {
    const value: unknown = JSON.parse(text);
    const n = typeof value === 'string' ? Number(value) : value;
    return typeof n === 'number' && Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}


/**
 * The key features of each day of the span: the project's own list, or its 10 features with the most users
 * in the 30 days up to the day (ties by name), as many as it has up to 10.
 */
export function keyFeaturesByDay(
  span: DayWindow,
  chosen: string[],
  featureUsers: { feature: string; users: number[] }[],
): DayKeys[] {
  return Array.from({ length: spanDays(span) }, (_, i) => {
    const features = keyFeaturesOf(
      chosen,
      featureUsers.map((f) => ({ feature: f.feature, users: f.users[i] ?? 0 })),
    );
    return { features, count: features.length };
  });
}

/**
 * Every account's health on every day of the span, as `HealthService.refresh` computes it on that day: the
 * accounts with an action in the 90 days up to the day, and those whose MRR trait was set by the day's end.
 * `days` holds the key features of each day of the span, in order (keyFeaturesByDay).
 */
export function scoreDays(
  span: DayWindow,
  data: HealthSpanData,
  days: DayKeys[],
  weights: HealthWeights,
): HealthDays['days'] {
  const actions = new Map(data.actions.map((a) => [a.account_id, a]));
  const runs = new Map<string, Map<string, { starts: number[]; ends: number[] }>>();
  for (const r of data.featureRuns) {
    let own = runs.get(r.account_id);
    if (!own) runs.set(r.account_id, (own = new Map()));
    own.set(r.feature, r);
  }
  const mrr = data.mrr.map((m) => ({ accountId: m.account_id, mrr: asNumber(m.mrr), setAt: m.set_at }));
  const sentiment = new Map(data.sentiment.map((s) => [s.account_id, s]));
  const sentimentOn = (accountId: string, i: number) => {
    const s = sentiment.get(accountId);
    const people = s?.people[i] ?? 0;
    return people === 0 ? null : (s?.points[i] ?? 0) / people;
  };

  const result: HealthDays['days'] = [];
  for (const [i, keys] of days.entries()) {
    const d = span.firstDay + i;
    const end = (d + 1) * DAY_MS;
    const inputs = new Map<string, Omit<HealthInput, 'openSignals' | 'sentiment'> | null>();
    for (const u of data.users) {
      const last = u.last_day[i];
      if (last === undefined || last === 0) continue;
      const a = actions.get(u.account_id);
      const own = runs.get(u.account_id);
      const used = keys.features.filter((f) => {
        const r = own?.get(f);
        return r !== undefined && r.starts.some((s, k) => s <= d && d < (r.ends[k] ?? s));
      }).length;
      inputs.set(u.account_id, {
        daysSinceLastSeen: d - last,
        activeUsers30d: u.active30[i] ?? 0,
        users90d: u.users90[i] ?? 0,

        keyFeaturesUsed30d: used,
        keyFeatures: keys.count,
        events7d: a?.last7[i] ?? 0,
        baselineEvents7d: (a?.before28[i] ?? 0) / 4,
      });
    }
    const known = mrr.filter((m) => m.setAt < end);
    for (const m of known) if (!inputs.has(m.accountId)) inputs.set(m.accountId, null);
    const mrrOf = new Map(known.map((m) => [m.accountId, m.mrr]));
    const abc = abcClasses(
      [...inputs.keys()].map((accountId) => ({ accountId, mrr: mrrOf.get(accountId) ?? null })),
    );
    const rows = [...inputs].map(([accountId, input]) => {
      const { score, components } = healthScore(
        {
          ...(input ?? {
            daysSinceLastSeen: null,
            activeUsers30d: 0,
            users90d: 0,
            keyFeaturesUsed30d: 0,
            keyFeatures: keys.count,
            events7d: 0,
            baselineEvents7d: 0,
          }),
          openSignals: data.openSignals.get(accountId)?.[i] ?? 0,
          sentiment: sentimentOn(accountId, i),
        },
        weights,
      );
      return { accountId, score, components, abc: abc.get(accountId) ?? 'C' };
    });
    result.push({ day: isoDay(d), rows });
  }
  return result;
}
