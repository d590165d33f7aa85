import { type EventRow } from '@bindery/contracts';
import {
  abcClasses,
  type AbcClass,
  type HealthComponentScores,
  healthScore,
  type HealthWeights,
} from '@bindery/rules';
import { actionsOf, DAY_MS, dayOf, dayString, uniqueRows } from './common.reference';

/** A signal as health counts it: open from `createdAt` until `resolvedAt` (epoch ms). */
export interface ReferenceSignal {
  accountId: string;
  createdAt: number;
  resolvedAt: number | null;
}

export interface ReferenceHealthOptions {
  projectId: string;
  /** Day numbers (days since 1970-01-01), both included. */
  firstDay: number;
  lastDay: number;
  weights: HealthWeights;
  /** The project's key features; empty: its 10 features with the most people in the 30 days up to each day. */
  keyFeatures: string[];
  signals: ReferenceSignal[];
}

export interface ReferenceHealth {
  score: number;
  components: HealthComponentScores;
  abc: AbcClass;
}

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** A trait's JSON as a number, when it is one (MRR may be 1200 or "1200"). */
const asNumber = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

/**
 * Every account's health on every day firstDay..lastDay, computed from the raw events one day and one
 * account at a time, as docs/analytics.md (Account health) states it:
 *  - the accounts scored on day d are those with an action on d−89..d, and those whose MRR trait (mrr or
 *    MRR, the newest value of any group call) was set before the end of d;
 *  - recency: days from the account's last action up to d; active share: the people with an action in the
 *    account on d−29..d over those on d−89..d; trend: its actions on d−6..d against a quarter of those on
 *    d−34..d−7; breadth: the key features of d (the project's list, or its 10 features with the most people
 *    on d−29..d, any account or none, ties by name) the account used on d−29..d, over how many there are;
 *    signals: the account's signals created before the end of d and not resolved before it;
 *  - sentiment: each person's latest `survey answered` event in the account on d−179..d (ties: the greater
 *    event id) of kind nps (score 0–10, as score × 10) or csat (1–5, as (score − 1) × 25), averaged over the
 *    people; none (left out of the score and the components) when no one answered;
 *  - an account with no action on d−89..d has no recency, activity or breadth;
 *  - ABC classes by the MRR known on d, among the accounts scored that day.
 * Keyed by 'YYYY-MM-DD', then account id.
 */
export function referenceHealthHistory(
  events: EventRow[],
  o: ReferenceHealthOptions,
): Map<string, Map<string, ReferenceHealth>> {
  const actions = actionsOf(events, o.projectId).map((a) => ({ ...a, day: dayOf(a.time) }));
  const mrr = new Map<string, { value: number | null; time: number }>();
  for (const row of uniqueRows(events, o.projectId)) {
    if (row.type !== 'group' || row.account_id === '') continue;
    const traits = JSON.parse(row.traits || '{}') as Record<string, unknown>;
    for (const key of ['mrr', 'MRR']) {
      if (!Object.hasOwn(traits, key)) continue;
      const known = mrr.get(row.account_id);
      if (!known || row.timestamp > known.time) {
        mrr.set(row.account_id, { value: asNumber(traits[key]), time: row.timestamp });
      }
    }
  }

  const answers = actions.flatMap((a) => {
    if (a.type !== 'track' || a.event !== 'survey answered' || a.account === '') return [];
    const score = a.props.score;
    if (typeof score !== 'number' || !Number.isInteger(score)) return [];
    if (a.props.kind === 'nps' && score >= 0 && score <= 10) return [{ ...a, points: score * 10 }];
    if (a.props.kind === 'csat' && score >= 1 && score <= 5) return [{ ...a, points: (score - 1) * 25 }];
    return [];
  });

  const history = new Map<string, Map<string, ReferenceHealth>>();
  for (let d = o.firstDay; d <= o.lastDay; d++) {
    const end = (d + 1) * DAY_MS;
    const within = (day: number, days: number) => day > d - days && day <= d;
    const people = (list: typeof actions) => new Set(list.map((a) => a.person)).size;

    let keys = o.keyFeatures;
    if (keys.length === 0) {
      const users = new Map<string, Set<string>>();
      for (const a of actions) {
        if (a.feature === null || !within(a.day, 30)) continue;
        if (!users.has(a.feature)) users.set(a.feature, new Set());
        users.get(a.feature)?.add(a.person);
      }
      keys = [...users]
        .sort(([fa, a], [fb, b]) => b.size - a.size || byBytes(fa, fb))
        .slice(0, 10)
        .map(([f]) => f);
    }

    const accounts = new Set([
      ...actions.filter((a) => a.account !== '' && within(a.day, 90)).map((a) => a.account),
      ...[...mrr].filter(([, m]) => m.time < end).map(([id]) => id),
    ]);
    const mrrOn = (id: string) => {
      const m = mrr.get(id);
      return m && m.time < end ? m.value : null;
    };
    const abc = abcClasses([...accounts].map((accountId) => ({ accountId, mrr: mrrOn(accountId) })));

    const day = new Map<string, ReferenceHealth>();
    for (const id of accounts) {
      const own = actions.filter((a) => a.account === id && within(a.day, 90));
      const last = own.length ? Math.max(...own.map((a) => a.day)) : null;
      const recent = own.filter((a) => within(a.day, 30));
      const open = o.signals.filter(
        (s) => s.accountId === id && s.createdAt < end && (s.resolvedAt === null || s.resolvedAt >= end),
      ).length;
      const latest = new Map<string, (typeof answers)[number]>();
      for (const a of answers) {
        if (a.account !== id || !within(a.day, 180)) continue;
        const seen = latest.get(a.person);
        if (!seen || a.time > seen.time || (a.time === seen.time && byBytes(a.id, seen.id) > 0)) {
          latest.set(a.person, a);
        }
      }
      const points = [...latest.values()].map((a) => a.points);
      const { score, components } = healthScore(
        {
          daysSinceLastSeen: last === null ? null : d - last,
          activeUsers30d: people(recent),
          users90d: people(own),
          keyFeaturesUsed30d: keys.filter((f) => recent.some((a) => a.feature === f)).length,
          keyFeatures: keys.length,
          events7d: own.filter((a) => within(a.day, 7)).length,
          baselineEvents7d: own.filter((a) => a.day > d - 35 && a.day <= d - 7).length / 4,
          openSignals: open,
          sentiment: points.length ? points.reduce((x, y) => x + y, 0) / points.length : null,
        },
        o.weights,
      );
      day.set(id, { score, components, abc: abc.get(id) ?? 'C' });
    }
    history.set(dayString(d), day);
  }
  return history;
}
