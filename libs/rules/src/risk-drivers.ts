import { type RiskDriver, type RiskDriverKind } from '@bindery/contracts';
import { DAY_MS, isoDay } from './detection';
import {
  compareUtf8,
  HEALTH_COMPONENTS,
  type HealthComponent,
  healthComponents,
  type HealthInput,
  healthScore,
  healthShares,
  type HealthWeights,
  SENTIMENT_DAYS,
  type SentimentKind,
  sentimentPoints,
} from './health-score';

/** A person of the account: user id (else anonymous id), the traits that name them, their active days. */
export interface RiskPerson {
  id: string;
  name: string | null;
  email: string | null;
  /** Days (numbers since 1970-01-01) with an action in the account. */
  days: number[];
}

/** What an account's health changed with, between day `today − days` and `today`. */
export interface RiskInput {
  today: number;
  days: number;
  weights: HealthWeights;
  /** The key features on each of the two days (the project's list, or its 10 most used then). */
  keys: { then: string[]; now: string[] };
  people: RiskPerson[];
  /** Actions per person, feature (else event name) and day. */
  actions: { person: string; name: string; day: number; count: number }[];
  /** The days each feature was used in the account. */
  featureUse: { feature: string; days: number[] }[];
  signals: RiskSignal[];
  /**
   * The account's NPS and CSAT answers (event id, epoch ms) of the {@link SENTIMENT_DAYS} days up to
   * `today − days`, and of the days since.
   */
  answers: RiskAnswer[];
}

/** A signal of the account, open or resolved. */
export interface RiskSignal {
  id: string;
  rule: string;
  ruleType: string;
  userId: string | null;
  createdAt: number;
  resolvedAt: number | null;
  resolution: string | null;
}

/** A scored survey answer of a person of the account. */
export interface RiskAnswer {
  person: string;
  id: string;
  time: number;
  kind: SentimentKind;
  score: number;
}

export interface AccountRiskResult {
  scoreNow: number;
  scoreThen: number;
  change: number;
  drivers: RiskDriver[];
}

type Evidence = RiskDriver['evidence'];

/** A driver before its points are rounded. */
interface Draft {
  kind: RiskDriverKind;
  label: string;
  evidence: Evidence;
  points: number;
}

const within = (day: number, d: number, days: number) => day > d - days && day <= d;
const hasDayWithin = (days: number[], d: number, window: number) => days.some((x) => within(x, d, window));
const lastDayUpTo = (days: number[], d: number) => days.reduce((max, x) => (x <= d && x > max ? x : max), -1);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Splits `total` over keys in proportion to their weights (none when the weights cancel out). */
function share(total: number, weights: Map<string, number>): Map<string, number> | undefined {
  const all = sum([...weights.values()]);
  if (total === 0 || all === 0 || Math.sign(all) !== Math.sign(total)) return undefined;
  return new Map([...weights].map(([k, w]) => [k, (total * w) / all]));
}

/** Each person's latest answer of the {@link SENTIMENT_DAYS} days up to day `d` (a tie: the greater id). */
function latestAnswers(input: RiskInput, d: number): RiskAnswer[] {
  const latest = new Map<string, RiskAnswer>();
  for (const a of input.answers) {
    if (!within(Math.floor(a.time / DAY_MS), d, SENTIMENT_DAYS)) continue;
    const seen = latest.get(a.person);
    if (!seen || a.time > seen.time || (a.time === seen.time && compareUtf8(a.id, seen.id) > 0)) {
      latest.set(a.person, a);
    }
  }
  return [...latest.values()];
}

/** The mean of the answers on sentiment's 0–100 scale; null without any. */
const sentimentOf = (answers: RiskAnswer[]) =>
  answers.length ? sum(answers.map((a) => sentimentPoints(a.kind, a.score))) / answers.length : null;

/** The health inputs of day `d`, as the rules worker computes them from the same data. */
function inputsOn(input: RiskInput, d: number, keys: string[]): HealthInput {
  const end = (d + 1) * DAY_MS;
  const openSignals = input.signals.filter(
    (s) => s.createdAt < end && (s.resolvedAt === null || s.resolvedAt >= end),
  ).length;
  const sentiment = sentimentOf(latestAnswers(input, d));
  const last = Math.max(-1, ...input.people.map((p) => lastDayUpTo(p.days, d)));
  if (last < 0 || last <= d - 90) {
    return {
      daysSinceLastSeen: null,
      activeUsers30d: 0,
      users90d: 0,
      keyFeaturesUsed30d: 0,
      keyFeatures: keys.length,
      events7d: 0,
      baselineEvents7d: 0,
      openSignals,
      sentiment,
    };
  }
  const used = new Set(input.featureUse.filter((f) => hasDayWithin(f.days, d, 30)).map((f) => f.feature));
  const actions = (from: number, to: number) =>
    sum(input.actions.filter((a) => a.day >= from && a.day <= to).map((a) => a.count));
  return {
    daysSinceLastSeen: d - last,
    activeUsers30d: input.people.filter((p) => hasDayWithin(p.days, d, 30)).length,
    users90d: input.people.filter((p) => hasDayWithin(p.days, d, 90)).length,
    keyFeaturesUsed30d: keys.filter((f) => used.has(f)).length,
    keyFeatures: keys.length,
    events7d: actions(d - 6, d),
    baselineEvents7d: actions(d - 34, d - 7) / 4,
    openSignals,
    sentiment,
  };
}

/**
 * Rounds the drafts' points to whole points that add up to `target` exactly (largest remainder): `target` is
 * the change of the rounded scores, within one point of the drafts' sum.
 */
function roundTo(drafts: Draft[], target: number): Draft[] {
  const rounded = drafts.map((draft, i) => {
    const points = Math.floor(draft.points);
    return { draft, i, points, rest: draft.points - points };
  });
  let left = target - sum(rounded.map((r) => r.points));
  // Up first for the largest remainders; down (only ever by a float's error) for the smallest.
  const order = [...rounded].sort((a, b) => (left > 0 ? b.rest - a.rest : a.rest - b.rest) || a.i - b.i);
  for (const r of order) {
    if (left === 0) break;
    r.points += Math.sign(left);
    left -= Math.sign(left);
  }
  return rounded.map(({ draft, points }) => ({ ...draft, points }));
}

/**
 * Why an account's health changed between `days` days ago and today: the change of each component's part of
 * the score (weight × score over the weights counted), each split among the people, features and signals
 * that explain it, then rounded so that the drivers add up to the change of the rounded scores
 * (docs/analytics.md, Why at risk).
 */
export function riskDrivers(input: RiskInput): AccountRiskResult {
  const now = input.today;
  const then = now - input.days;
  const [inThen, inNow] = [inputsOn(input, then, input.keys.then), inputsOn(input, now, input.keys.now)];
  const scoreThen = healthScore(inThen, input.weights).score;
  const scoreNow = healthScore(inNow, input.weights).score;

  const drafts = new Map<string, Draft>();
  const add = (key: string, points: number, make: () => Omit<Draft, 'points'>) => {
    if (points === 0) return;
    const draft = drafts.get(key);
    if (draft) draft.points += points;
    else drafts.set(key, { ...make(), points });
  };

  // People: who was active in the 30 days up to then, and in 90 days, against now.
  const actionsOf = (person: string, from: number, to: number, name?: string) =>
    sum(
      input.actions
        .filter(
          (a) =>
            a.person === person && a.day >= from && a.day <= to && (name === undefined || a.name === name),
        )
        .map((a) => a.count),
    );
  const people = input.people.map((p) => ({
    ...p,
    a0: hasDayWithin(p.days, then, 30) ? 1 : 0,
    a1: hasDayWithin(p.days, now, 30) ? 1 : 0,
    u0: hasDayWithin(p.days, then, 90) ? 1 : 0,
    u1: hasDayWithin(p.days, now, 90) ? 1 : 0,
    before: actionsOf(p.id, then - 29, then),
    since: actionsOf(p.id, then + 1, now),
    last: lastDayUpTo(p.days, now),
  }));
  const ranked = [...people].sort((a, b) => b.before - a.before || (a.id < b.id ? -1 : 1));
  const quiet = people.filter((p) => p.a0 === 1 && p.since === 0);
  const who = (p: RiskPerson) => (p.name && p.email ? `${p.name} (${p.email})` : (p.email ?? p.name ?? p.id));
  // By name, unless two of the account's people share it.
  const shared = new Set(input.people.map((p) => p.name).filter((n, i, all) => n && all.indexOf(n) !== i));
  const named = new Map(
    input.people.map((p) => [p.id, p.name && !shared.has(p.name) ? p.name : (p.email ?? p.id)]),
  );
  const nameOf = (userId: string) => named.get(userId) ?? userId;
  const personDriver = (p: (typeof people)[number]) => () => {
    const top = ranked[0]?.id === p.id && p.before > 0 ? ', your most active user,' : '';
    const idle = now - p.last;
    const kind: RiskDriverKind = p.u0 === 1 && p.u1 === 0 ? 'seats_lost' : 'key_users_gone_quiet';
    const label =
      kind === 'seats_lost'
        ? `${who(p)}${top} has not been active in 90 days${p.last >= 0 ? ` (last on ${isoDay(p.last)})` : ''}`
        : p.a1 === 0 || p.since === 0
          ? `${who(p)}${top} has not been active for ${plural(idle, 'day')}`
          : p.a0 === 0
            ? `${who(p)} became active: ${plural(p.since, 'action')} since ${isoDay(then)}`
            : `${who(p)}${top} made ${plural(p.since, 'action')} since ${isoDay(then)}`;
    return {
      kind,
      label,
      evidence: {
        userId: p.id,
        name: p.name,
        email: p.email,
        lastActiveDay: p.last >= 0 ? isoDay(p.last) : null,
        daysInactive: p.last >= 0 ? idle : null,
        actionsBefore: p.before,
        actionsSince: p.since,
        mostActive: top !== '',
      },
    };
  };

  // Each component's part of the score is its share (weight over the weights counted) × its score, so its
  // change is k1 (x1 − x0), split below, plus (k1 − k0) x0: the shares move only when breadth or sentiment
  // starts or stops counting. Breadth's move (with sentiment counted as then) is put down to the key
  // features, the rest to sentiment.
  const generic = add;
  const [x0s, x1s] = [healthComponents(inThen), healthComponents(inNow)];
  const [k0s, k1s] = [healthShares(inThen, input.weights), healthShares(inNow, input.weights)];
  const kbs = healthShares({ ...inThen, keyFeatures: inNow.keyFeatures }, input.weights);
  const unit = Object.fromEntries(
    HEALTH_COMPONENTS.map((c) => [c, { x0: x0s[c], x1: x1s[c], k0: k0s[c], k1: k1s[c] }]),
  ) as Record<HealthComponent, { x0: number; x1: number; k0: number; k1: number }>;
  const reweighed = sum(HEALTH_COMPONENTS.map((c) => (kbs[c] - unit[c].k0) * unit[c].x0));
  const sentimentReweighed = sum(HEALTH_COMPONENTS.map((c) => (unit[c].k1 - kbs[c]) * unit[c].x0));
  generic('weights', reweighed, () => ({
    kind: 'features_dropped',
    label:
      inNow.keyFeatures === 0
        ? 'The project has no key features in use any more, so breadth no longer counts'
        : 'The project now has key features, so breadth counts',
    evidence: { keyFeaturesThen: inThen.keyFeatures, keyFeaturesNow: inNow.keyFeatures },
  }));

  // recency: put down to the people who went quiet, by their actions before.
  {
    const { x0, x1, k1 } = unit.recency;
    const split = x1 < x0 ? share(x1 - x0, new Map(quiet.map((p) => [p.id, p.before || 1]))) : undefined;
    if (split) for (const p of quiet) add(`person:${p.id}`, k1 * (split.get(p.id) ?? 0), personDriver(p));
    else
      generic('recency', k1 * (x1 - x0), () => ({
        kind: 'usage_decline',
        label: recencyLabel(inNow.daysSinceLastSeen, inThen.daysSinceLastSeen, input.today, input.days),
        evidence: {
          daysSinceLastSeenThen: inThen.daysSinceLastSeen,
          daysSinceLastSeenNow: inNow.daysSinceLastSeen,
        },
      }));
  }

  // activeShare: A/U. (A1 − A0)/U1 to the people whose activity changed, A0 (1/U1 − 1/U0) to the seats.
  {
    const { k1 } = unit.activeShare;
    const A0 = inThen.activeUsers30d;
    const [U0, U1] = [inThen.users90d, inNow.users90d];
    for (const p of people) {
      let part = 0;
      if (U1 === 0) part = A0 === 0 ? 0 : -(unit.activeShare.x0 * p.a0) / A0;
      else {
        part = (100 * (p.a1 - p.a0)) / U1;
        if (U0 > 0 && U1 !== U0 && p.u1 !== p.u0)
          part += (100 * A0 * (1 / U1 - 1 / U0) * (p.u1 - p.u0)) / (U1 - U0);
      }
      add(`person:${p.id}`, k1 * part, personDriver(p));
    }
  }

  // breadth: each key feature used (or not) against the key features, then and now.
  {
    const { k1 } = unit.breadth;
    const usedOn = (f: string, d: number) =>
      input.featureUse.some((u) => u.feature === f && hasDayWithin(u.days, d, 30));
    const K0 = inThen.keyFeatures;
    const K1 = inNow.keyFeatures;
    for (const f of new Set([...input.keys.then, ...input.keys.now])) {
      const was = inThen.daysSinceLastSeen !== null && input.keys.then.includes(f) && usedOn(f, then) ? 1 : 0;
      const is = inNow.daysSinceLastSeen !== null && input.keys.now.includes(f) && usedOn(f, now) ? 1 : 0;
      const part = (K1 === 0 ? 0 : (100 * is) / K1) - (K0 === 0 ? 0 : (100 * was) / K0);
      const lastUse = lastDayUpTo(input.featureUse.find((u) => u.feature === f)?.days ?? [], now);
      add(`feature:${f}`, k1 * part, () => ({
        kind: 'features_dropped',
        label:
          was && !is
            ? input.keys.now.includes(f)
              ? `\`${f}\` has not been used for ${lastUse >= 0 ? plural(now - lastUse, 'day') : 'over 30 days'}`
              : `\`${f}\` is no longer one of the project’s key features`
            : is && !was
              ? `\`${f}\` is in use${input.keys.then.includes(f) ? '' : ' and now a key feature'}`
              : `\`${f}\` counts for less or more as the number of key features changed`,
        evidence: {
          feature: f,
          usedThen: was === 1,
          usedNow: is === 1,
          keyThen: input.keys.then.includes(f),
          keyNow: input.keys.now.includes(f),
          lastUsedDay: lastUse >= 0 ? isoDay(lastUse) : null,
        },
      }));
    }
  }

  // trend: by the change of weekly actions; those of people gone quiet go to them, the rest to features.
  {
    const { x0, x1, k1 } = unit.trend;
    const weekly = (d: number, name: string, person?: string) =>
      sum(
        input.actions
          .filter(
            (a) => a.name === name && within(a.day, d, 7) && (person === undefined || a.person === person),
          )
          .map((a) => a.count),
      );
    const names = [...new Set(input.actions.map((a) => a.name))];
    const change = new Map<string, number>();
    for (const p of quiet)
      change.set(`person:${p.id}`, actionsOf(p.id, now - 6, now) - actionsOf(p.id, then - 6, then));
    for (const name of names) {
      const others = (d: number) => weekly(d, name) - sum(quiet.map((p) => weekly(d, name, p.id)));
      change.set(`usage:${name}`, others(now) - others(then));
    }
    const split = share(x1 - x0, change);
    if (split) {
      for (const p of quiet) add(`person:${p.id}`, k1 * (split.get(`person:${p.id}`) ?? 0), personDriver(p));
      for (const name of names) {
        const [w0, w1] = [weekly(then, name), weekly(now, name)];
        add(`usage:${name}`, k1 * (split.get(`usage:${name}`) ?? 0), () => ({
          kind: 'usage_decline',
          label: `\`${name}\` use ${w1 < w0 ? 'fell' : w1 > w0 ? 'rose' : 'stayed'} from ${w0} to ${w1} a week`,
          evidence: { feature: name, weeklyThen: w0, weeklyNow: w1 },
        }));
      }
    } else {
      generic('trend', k1 * (x1 - x0), () => ({
        kind: 'usage_decline',
        label: `Actions: ${inNow.events7d} in the last 7 days against ${round1(inNow.baselineEvents7d)} a week before (${inThen.events7d} against ${round1(inThen.baselineEvents7d)} ${input.days} days ago)`,
        evidence: {
          actions7dThen: inThen.events7d,
          baselineThen: inThen.baselineEvents7d,
          actions7dNow: inNow.events7d,
          baselineNow: inNow.baselineEvents7d,
        },
      }));
    }
  }

  // signals: those opened (or resolved) since then, one driver per rule and direction.
  {
    const { x0, x1, k1 } = unit.signals;
    const openAt = (s: RiskSignal, d: number) =>
      s.createdAt < (d + 1) * DAY_MS && (s.resolvedAt === null || s.resolvedAt >= (d + 1) * DAY_MS) ? 1 : 0;
    // Opened counts −1 a signal, resolved +1.
    const groups = new Map<string, { opened: boolean; signals: RiskSignal[] }>();
    for (const s of input.signals) {
      const change = openAt(s, now) - openAt(s, then);
      if (change === 0) continue;
      const key = `signals:${change}:${s.ruleType}:${s.rule}`;
      const group = groups.get(key);
      if (group) group.signals.push(s);
      else groups.set(key, { opened: change === 1, signals: [s] });
    }
    const weights = [...groups].map(([key, g]) => [key, (g.opened ? -1 : 1) * g.signals.length] as const);
    const split = share(x1 - x0, new Map(weights));
    if (split) {
      for (const [key, { opened, signals }] of groups) {
        add(key, k1 * (split.get(key) ?? 0), () => signalsDriver(signals, opened, nameOf));
      }
    } else {
      generic('signals', k1 * (x1 - x0), () => ({
        kind: 'open_signals',
        label: `${plural(inNow.openSignals, 'open signal')} (${inThen.openSignals} ${input.days} days ago)`,
        evidence: { openThen: inThen.openSignals, openNow: inNow.openSignals },
      }));
    }
  }

  // sentiment: its change and its share's, one driver stating the people's latest answers.
  {
    const { x0, x1, k1 } = unit.sentiment;
    generic('sentiment', k1 * (x1 - x0) + sentimentReweighed, () =>
      sentimentDriver(latestAnswers(input, then), latestAnswers(input, now), input.days),
    );
  }

  const change = scoreNow - scoreThen;
  const drivers = roundTo([...drafts.values()], change)
    .filter((d) => d.points !== 0)
    .map(({ kind, label, points, evidence }) => ({ kind, label, points, evidence }))
    .sort((a, b) => a.points - b.points || (a.label < b.label ? -1 : 1));
  return { scoreNow, scoreThen, change, drivers };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Up to three names and how many more: "a, b, c and 4 more". */
function someOf(names: string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `${shown} and ${names.length - 3} more` : shown;
}

/**
 * The driver of one rule's signals opened (or resolved) since then: "Gone quiet (Ann): open since 2026-11-30"
 * for one, "Gone quiet: 9 signals opened since 2026-11-28 (Ann, Bo, Cy and 6 more)" for several, each person
 * by `nameOf`.
 */
function signalsDriver(
  signals: RiskSignal[],
  opened: boolean,
  nameOf: (userId: string) => string,
): Omit<Draft, 'points'> {
  const first = signals[0]!;
  const kind: RiskDriverKind = first.ruleType === 'funnel_stall' ? 'funnel_stall' : 'open_signals';
  const at = (s: RiskSignal) => (opened ? s.createdAt : (s.resolvedAt ?? 0));
  const dayOf = (s: RiskSignal) => isoDay(Math.floor(at(s) / DAY_MS));
  if (signals.length === 1) {
    const subject = first.userId ? ` (${nameOf(first.userId)})` : '';
    return {
      kind,
      label: opened
        ? `${first.rule}${subject}: open since ${dayOf(first)}`
        : `${first.rule}${subject}: resolved on ${dayOf(first)}${first.resolution ? ` (${first.resolution})` : ''}`,
      evidence: {
        signalId: first.id,
        rule: first.rule,
        ruleType: first.ruleType,
        userId: first.userId,
        openedAt: new Date(first.createdAt).toISOString(),
        resolvedAt: first.resolvedAt === null ? null : new Date(first.resolvedAt).toISOString(),
      },
    };
  }
  const sorted = [...signals].sort((a, b) => at(a) - at(b));
  const users = [...new Set(sorted.flatMap((s) => (s.userId ? [s.userId] : [])))];
  const [from, to] = [dayOf(sorted[0]!), dayOf(sorted.at(-1)!)];
  return {
    kind,
    label:
      `${first.rule}: ${signals.length} signals ${opened ? 'opened' : 'resolved'} ${from === to ? 'on' : 'since'} ${from}` +
      (users.length ? ` (${someOf(users.map(nameOf))})` : ''),
    evidence: {
      rule: first.rule,
      ruleType: first.ruleType,
      signals: signals.length,
      signalIds: sorted.map((s) => s.id),
      userIds: users,
    },
  };
}

const SCALES: { kind: SentimentKind; name: string; max: number }[] = [
  { kind: 'nps', name: 'NPS', max: 10 },
  { kind: 'csat', name: 'CSAT', max: 5 },
];

/** The average score of each kind of answer, and how many people gave it; null for a kind nobody answered. */
function averages(
  answers: RiskAnswer[],
): { name: string; max: number; mean: number | null; people: number }[] {
  return SCALES.map(({ kind, name, max }) => {
    const scores = answers.filter((a) => a.kind === kind).map((a) => a.score);
    return {
      name,
      max,
      mean: scores.length ? round1(sum(scores) / scores.length) : null,
      people: scores.length,
    };
  });
}

/**
 * The sentiment driver: the people's latest answers now (or then, when none are left), in their own scales:
 * "Unhappy: NPS answers average 3/10 from 2 people (sentiment 30, against 70 14 days before)". Unhappy below
 * 50, lukewarm below 75, happy from 75.
 */
function sentimentDriver(then: RiskAnswer[], now: RiskAnswer[], days: number): Omit<Draft, 'points'> {
  const [s0, s1] = [sentimentOf(then), sentimentOf(now)];
  const stated = (answers: RiskAnswer[], verb: string) =>
    averages(answers)
      .filter((a) => a.mean !== null)
      .map((a) => `${a.name} answers ${verb} ${a.mean}/${a.max} from ${plural(a.people, 'person', 'people')}`)
      .join(' and ');
  const mood = (s: number) => (s < 50 ? 'Unhappy' : s < 75 ? 'Lukewarm' : 'Happy');
  const label =
    s1 === null
      ? `No survey answers in the last ${SENTIMENT_DAYS} days, so sentiment no longer counts (${stated(then, 'averaged')} ${days} days before)`
      : `${mood(s1)}: ${stated(now, 'average')} (sentiment ${Math.round(s1)}, ${s0 === null ? `no answers ${days} days before` : `against ${Math.round(s0)} ${days} days before`})`;
  const [a0, a1] = [averages(then), averages(now)];
  return {
    kind: 'sentiment',
    label,
    evidence: {
      sentimentThen: s0 === null ? null : Math.round(s0),
      sentimentNow: s1 === null ? null : Math.round(s1),
      npsAverageThen: a0[0]?.mean ?? null,
      npsAverageNow: a1[0]?.mean ?? null,
      csatAverageThen: a0[1]?.mean ?? null,
      csatAverageNow: a1[1]?.mean ?? null,
      peopleThen: then.length,
      peopleNow: now.length,
    },
  };
}

/**
 * The account's recency in words, from the days since its last action now and `days` days before (null: none
 * in 90 days): "No activity since 2026-11-11 (26 days)" when there was none in between, else "Last active 8 days
 * ago (it had been 5 days on 2026-11-23)".
 */
export function recencyLabel(now: number | null, then: number | null, today: number, days: number): string {
  if (now === null) return 'No activity in 90 days';
  if (then !== null && now === then + days)
    return `No activity since ${isoDay(today - now)} (${plural(now, 'day')})`;
  const before = isoDay(today - days);
  return then === null
    ? `Last active ${plural(now, 'day')} ago (none in the 90 days up to ${before})`
    : `Last active ${plural(now, 'day')} ago (it had been ${plural(then, 'day')} on ${before})`;
}
