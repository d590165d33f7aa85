import { type EventRow, type GoalCadence, type GoalMetric, type GoalParams } from '@bindery/contracts';
import { DAY_MS, actionsOf, dayOf, mondayOf, uniqueRows } from './common.reference';

/** One goal measured for one period [start, end), as docs/analytics.md (Retention goals) states it. */
export interface GoalReferenceInput {
  projectId: string;
  metric: GoalMetric;
  params: GoalParams;
  cadence: GoalCadence;
  start: number;
  end: number;
  /** average_health: the stored scores of the period's last day. */
  healthScores?: readonly number[];
}

/** The first millisecond of the period holding `t`. */
function periodStartOf(t: number, cadence: GoalCadence): number {
  if (cadence === 'weekly') return mondayOf(dayOf(t)) * DAY_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The start of the period `n` periods before the one starting at `start`. */
function periodsBefore(start: number, cadence: GoalCadence, n: number): number {
  let s = start;
  for (let i = 0; i < n; i++) s = periodStartOf(s - 1, cadence);
  return s;
}

/** The newest value of each account's `customer_since` trait, from its group calls. */
function customerSince(events: readonly EventRow[], projectId: string): Map<string, unknown> {
  const since = new Map<string, { at: number; value: unknown }>();
  for (const row of uniqueRows(events, projectId)) {
    if (row.type !== 'group' || row.account_id === '') continue;
    const traits = JSON.parse(row.traits || '{}') as Record<string, unknown>;
    if (!('customer_since' in traits)) continue;
    const known = since.get(row.account_id);
    if (!known || row.timestamp > known.at) {
      since.set(row.account_id, { at: row.timestamp, value: traits.customer_since });
    }
  }
  return new Map([...since].map(([account, s]) => [account, s.value]));
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Brute-force value of a goal's metric for a period: every event read one by one. */
export function goalReference(events: readonly EventRow[], input: GoalReferenceInput): number | null {
  const { start, end, params } = input;
  const actions = actionsOf(events, input.projectId).filter((a) => a.account !== '');
  const accountsIn = (from: number, to: number) =>
    new Set(actions.filter((a) => a.time >= from && a.time < to).map((a) => a.account));
  const percent = (num: number, den: number) => (den === 0 ? null : round2((100 * num) / den));
  const active = accountsIn(start, end);
  switch (input.metric) {
    case 'logo_retention': {
      const before = accountsIn(start - (params.days ?? 0) * DAY_MS, start);
      return percent([...before].filter((a) => active.has(a)).length, before.size);
    }
    case 'active_share': {
      const known = accountsIn(end - (params.days ?? 90) * DAY_MS, end);
      return percent([...known].filter((a) => active.has(a)).length, known.size);
    }
    case 'feature_adoption': {
      const users = new Set(
        actions
          .filter(
            (a) => a.time >= start && a.time < end && a.type === 'track' && a.feature === params.feature,
          )
          .map((a) => a.account),
      );
      return percent(users.size, active.size);
    }
    case 'average_health': {
      const scores = input.healthScores ?? [];
      return scores.length === 0 ? null : round2(scores.reduce((s, x) => s + x, 0) / scores.length);
    }
    case 'repeat_use': {
      const from = periodsBefore(start, input.cadence, (params.periods ?? 12) - 1);
      const periods = new Map<string, Set<number>>();
      for (const a of actions) {
        if (a.time < from || a.time >= end) continue;
        const set = periods.get(a.account) ?? new Set<number>();
        set.add(periodStartOf(a.time, input.cadence));
        periods.set(a.account, set);
      }
      if (periods.size === 0) return null;
      let total = 0;
      for (const set of periods.values()) total += set.size;
      return round2(total / periods.size);
    }
    case 'customer_age': {
      if (active.size === 0) return null;
      const traits = customerSince(events, input.projectId);
      let total = 0;
      for (const account of active) {
        const trait = traits.get(account);
        const fromTrait =
          typeof trait === 'string' && /^\d{4}-\d{2}-\d{2}/.test(trait) ? Date.parse(trait) : NaN;
        const first = Math.min(
          ...actions.filter((a) => a.account === account && a.time < end).map((a) => a.time),
        );
        const since = Number.isNaN(fromTrait) ? first : fromTrait;
        total += Math.max(0, end - since);
      }
      return round2(total / active.size / DAY_MS);
    }
    case 'nps': {
      const scores: number[] = [];
      for (const row of uniqueRows(events, input.projectId)) {
        if (row.type !== 'track' || row.event !== 'survey answered') continue;
        if (row.timestamp < start || row.timestamp >= end) continue;
        const props = JSON.parse(row.properties) as Record<string, unknown>;
        if (props.surveyId !== params.surveyId) continue;
        if (typeof props.score === 'number' && Number.isInteger(props.score)) scores.push(props.score);
      }
      const promoters = scores.filter((s) => s >= 9).length;
      const detractors = scores.filter((s) => s <= 6).length;
      return percent(promoters - detractors, scores.length);
    }
  }
}
