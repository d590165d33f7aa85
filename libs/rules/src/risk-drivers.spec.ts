import { DAY_MS, isoDay } from './detection';
import { DEFAULT_HEALTH_WEIGHTS, healthScore } from './health-score';
import { recencyLabel, riskDrivers, type RiskInput } from './risk-drivers';

const TODAY = 20_100;
const THEN = TODAY - 14;

/** Actions of one person on each of days first..last, `perDay` a day of `name`. */
function daily(person: string, name: string, first: number, last: number, perDay: number) {
  return Array.from({ length: last - first + 1 }, (_, i) => ({
    person,
    name,
    day: first + i,
    count: perDay,
  }));
}

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An input whose people, features and days of use follow from its actions. */
function scenario(
  actions: RiskInput['actions'],
  rest: Partial<RiskInput> = {},
  names: Record<string, { name: string; email: string }> = {},
): RiskInput {
  const people = [...new Set(actions.map((a) => a.person))].map((id) => ({
    id,
    name: names[id]?.name ?? null,
    email: names[id]?.email ?? null,
    days: [...new Set(actions.filter((a) => a.person === id).map((a) => a.day))].sort((x, y) => x - y),
  }));
  const featureUse = [...new Set(actions.map((a) => a.name))].map((feature) => ({
    feature,
    days: [...new Set(actions.filter((a) => a.name === feature).map((a) => a.day))],
  }));
  return {
    today: TODAY,
    days: 14,
    weights: DEFAULT_HEALTH_WEIGHTS,
    keys: { then: ['edit', 'export', 'view'], now: ['edit', 'export', 'view'] },
    people,
    actions,
    featureUse,
    signals: [],
    answers: [],
    ...rest,
  };
}

const total = (r: ReturnType<typeof riskDrivers>) => r.drivers.reduce((sum, d) => sum + d.points, 0);

describe('riskDrivers', () => {
  it('names the top user who stopped and the feature whose use halved first', () => {
    // Ann edits 6 times a day until 14 days ago; four others export 40 times a week, then 20, and view daily.
    const others = ['bo', 'cy', 'di', 'ed'];
    const actions = [
      ...daily('ann', 'edit', TODAY - 60, THEN, 6),
      ...others.flatMap((p) => daily(p, 'view', TODAY - 60, TODAY, 2)),
    ];
    for (const p of others) {
      for (let day = TODAY - 60; day <= TODAY; day++) {
        // 10 exports a week each, then 5 in the last 14 days, spread evenly over the days.
        const perWeek = day <= THEN ? 10 : 5;
        const k = day - (TODAY - 60);
        const count = Math.floor(((k + 1) * perWeek) / 7) - Math.floor((k * perWeek) / 7);
        if (count) actions.push({ person: p, name: 'export', day, count });
      }
    }
    const input = scenario(actions, {}, { ann: { name: 'Ann Lee', email: 'ann@acme.com' } });

    const result = riskDrivers(input);

    expect(result.change).toBeLessThan(0);
    expect(total(result)).toBe(result.change);
    const [first, second] = result.drivers;
    const labels = [first?.label, second?.label];
    expect(labels).toContain(
      'Ann Lee (ann@acme.com), your most active user, has not been active for 14 days',
    );
    expect(labels.find((l) => l?.startsWith('`export` use fell from'))).toMatch(
      /^`export` use fell from 4\d to 2\d a week$/,
    );
    expect(result.drivers.find((d) => d.evidence.userId === 'ann')).toMatchObject({
      kind: 'key_users_gone_quiet',
      evidence: { email: 'ann@acme.com', lastActiveDay: isoDay(THEN), daysInactive: 14, mostActive: true },
    });
  });

  it('scores both days as the rules worker does', () => {
    const actions = [
      ...daily('a', 'edit', TODAY - 40, TODAY - 20, 3),
      ...daily('b', 'view', TODAY - 3, TODAY, 1),
    ];
    const result = riskDrivers(scenario(actions));
    const inputs = (
      d: number,
      active30: number,
      users90: number,
      last: number,
      keysUsed: number,
      e7: number,
      base: number,
    ) =>
      healthScore({
        daysSinceLastSeen: d - last,
        activeUsers30d: active30,
        users90d: users90,
        keyFeaturesUsed30d: keysUsed,
        keyFeatures: 3,
        events7d: e7,
        baselineEvents7d: base,
        openSignals: 0,
        sentiment: null,
      }).score;
    // 14 days ago: a last active 6 days before, 3 actions in 7 days, 60 in the 28 before; b not yet.
    expect(result.scoreThen).toBe(inputs(THEN, 1, 1, TODAY - 20, 1, 3, 60 / 4));
    // Now: both active in 30 days, edit and view used, b's 4 actions against a's 45 in the 28 days before.
    expect(result.scoreNow).toBe(inputs(TODAY, 2, 2, TODAY, 2, 4, 45 / 4));
    expect(total(result)).toBe(result.change);
  });

  it('puts signals opened and resolved down to their rules, funnel stalls apart', () => {
    const actions = daily('a', 'edit', TODAY - 60, TODAY, 2);
    const signal = (id: string, ruleType: string, created: number, resolved: number | null) => ({
      id,
      rule: `Rule ${id}`,
      ruleType,
      userId: id === 's2' ? 'a' : null,
      createdAt: created * DAY_MS + 1000,
      resolvedAt: resolved === null ? null : resolved * DAY_MS,
      resolution: resolved === null ? null : 'active again',
    });
    const result = riskDrivers(
      scenario(actions, {
        signals: [
          signal('s1', 'inactivity', THEN - 5, TODAY - 2),
          signal('s2', 'funnel_stall', TODAY - 3, null),
          signal('s3', 'usage_decline', TODAY - 1, null),
        ],
      }),
    );
    // One resolved, two opened: 100 − 20 → 100 − 40 on signals (weight 10 of 100): −2 points.
    expect(result.change).toBe(-2);
    expect(total(result)).toBe(-2);
    expect(result.drivers.map((d) => [d.kind, d.points])).toEqual([
      ['funnel_stall', -2],
      ['open_signals', -2],
      ['open_signals', 2],
    ]);
    expect(result.drivers[0]).toMatchObject({
      label: `Rule s2 (a): open since ${isoDay(TODAY - 3)}`,
      evidence: { signalId: 's2', ruleType: 'funnel_stall', resolvedAt: null },
    });
    expect(result.drivers[2]?.label).toBe(`Rule s1: resolved on ${isoDay(TODAY - 2)} (active again)`);
  });

  it('makes one driver of a rule’s signals opened since then, naming their people', () => {
    const actions = [
      ...daily('a', 'edit', TODAY - 60, TODAY, 2),
      ...['u1', 'u2', 'u3'].flatMap((u) => daily(u, 'edit', TODAY - 60, TODAY, 1)),
    ];
    const signal = (i: number, rule: string, created: number) => ({
      id: `${rule}-${i}`,
      rule,
      ruleType: 'inactivity',
      userId: `u${i}`,
      createdAt: created * DAY_MS + i,
      resolvedAt: null,
      resolution: null,
    });
    const quiet = [3, 1, 4, 2, 5].map((i) => signal(i, 'Gone quiet', TODAY - 10 + i));
    const other = [9, 10].map((i) => signal(i, 'Other', TODAY - 2));
    // Two people named Bo are told apart by their addresses.
    const names = {
      u1: { name: 'Ann Lee', email: 'ann@acme.example' },
      u2: { name: 'Bo', email: 'bo@acme.example' },
      u3: { name: 'Bo', email: 'bo.2@acme.example' },
    };
    const result = riskDrivers(scenario(actions, { signals: [...quiet, ...other] }, names));
    // Seven opened: signals 100 → 0 (weight 10 of 100), −10 points, five sevenths of them to the one rule.
    expect(total(result)).toBe(result.change);
    expect(result.drivers.map((d) => [d.label, d.points])).toEqual([
      [
        `Gone quiet: 5 signals opened since ${isoDay(TODAY - 9)} (Ann Lee, bo@acme.example, bo.2@acme.example and 2 more)`,
        -7,
      ],
      [`Other: 2 signals opened on ${isoDay(TODAY - 2)} (u9, u10)`, -3],
    ]);
    expect(result.drivers[0]?.evidence).toEqual({
      rule: 'Gone quiet',
      ruleType: 'inactivity',
      signals: 5,
      signalIds: ['Gone quiet-1', 'Gone quiet-2', 'Gone quiet-3', 'Gone quiet-4', 'Gone quiet-5'],
      userIds: ['u1', 'u2', 'u3', 'u4', 'u5'],
    });
  });

  it('counts people gone for 90 days as seats lost, and key features no longer used', () => {
    const actions = [
      ...daily('a', 'edit', TODAY - 120, TODAY, 1),
      ...daily('gone', 'export', TODAY - 120, TODAY - 95, 4),
    ];
    const result = riskDrivers(scenario(actions, { days: 30 }));
    expect(total(result)).toBe(result.change);
    expect(result.drivers.map((d) => d.kind)).toEqual(expect.arrayContaining(['seats_lost']));
    expect(result.drivers.find((d) => d.kind === 'seats_lost')?.label).toBe(
      `gone has not been active in 90 days (last on ${isoDay(TODAY - 95)})`,
    );
  });

  it('puts a fall in the people’s latest answers down to sentiment, in their own scales', () => {
    const actions = daily('a', 'edit', TODAY - 60, TODAY, 2);
    const answer = (id: string, person: string, day: number, kind: 'nps' | 'csat', score: number) => ({
      id,
      person,
      time: day * DAY_MS + 3_600_000,
      kind,
      score,
    });
    const weights = { ...DEFAULT_HEALTH_WEIGHTS, sentiment: 100 };
    const answers = [
      // a: 9 before, 2 since (the latest counts); b: 4 on CSAT before and now; an answer too old to count.
      answer('e1', 'a', THEN - 10, 'nps', 9),
      answer('e2', 'a', TODAY - 3, 'nps', 2),
      answer('e3', 'b', THEN - 1, 'csat', 4),
      answer('e4', 'c', THEN - 200, 'nps', 0),
    ];
    const result = riskDrivers(scenario(actions, { weights, answers }));
    // Sentiment (90 + 75) / 2 = 82.5 then, (20 + 75) / 2 = 47.5 now, weighing 100 of 200: −17.5 points.
    expect(result.change).toBe(-18);
    expect(total(result)).toBe(-18);
    const [driver] = result.drivers;
    expect(driver).toEqual({
      kind: 'sentiment',
      points: -18,
      label:
        'Unhappy: NPS answers average 2/10 from 1 person and CSAT answers average 4/5 from 1 person ' +
        '(sentiment 48, against 83 14 days before)',
      evidence: {
        sentimentThen: 83,
        sentimentNow: 48,
        npsAverageThen: 9,
        npsAverageNow: 2,
        csatAverageThen: 4,
        csatAverageNow: 4,
        peopleThen: 2,
        peopleNow: 2,
      },
    });
  });

  it('gives sentiment the whole move of the shares when answers start or stop counting', () => {
    const actions = daily('a', 'edit', TODAY - 60, TODAY, 2);
    const weights = { ...DEFAULT_HEALTH_WEIGHTS, sentiment: 100 };
    const first = (day: number) => [
      { id: 'e1', person: 'a', time: day * DAY_MS, kind: 'nps' as const, score: 3 },
    ];
    const started = riskDrivers(scenario(actions, { weights, answers: first(TODAY - 2) }));
    expect(started.drivers.map((d) => [d.kind, d.points])).toEqual([['sentiment', started.change]]);
    expect(started.drivers[0]?.label).toBe(
      'Unhappy: NPS answers average 3/10 from 1 person (sentiment 30, no answers 14 days before)',
    );
    const stopped = riskDrivers(scenario(actions, { weights, answers: first(TODAY - 185) }));
    expect(stopped.drivers.map((d) => [d.kind, d.points])).toEqual([['sentiment', stopped.change]]);
    expect(stopped.drivers[0]?.label).toBe(
      'No survey answers in the last 180 days, so sentiment no longer counts (NPS answers averaged 3/10 from ' +
        '1 person 14 days before)',
    );
  });

  it('always adds up to the change, whatever happened', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const people = Array.from({ length: 1 + Math.floor(next() * 6) }, (_, i) => `p${i}`);
      const names = ['edit', 'export', 'view', 'share'] as const;
      const actions: RiskInput['actions'] = [];
      for (const person of people) {
        const first = TODAY - Math.floor(next() * 130);
        const last = first + Math.floor(next() * (TODAY - first + 1));
        for (let day = first; day <= last; day++) {
          if (next() < 0.5)
            actions.push({
              person,
              name: names[Math.floor(next() * 4) % names.length] ?? 'edit',
              day,
              count: 1 + Math.floor(next() * 9),
            });
        }
      }
      const signals = Array.from({ length: Math.floor(next() * 7) }, (_, i) => ({
        id: `s${i}`,
        rule: 'r',
        ruleType: next() < 0.3 ? 'funnel_stall' : 'inactivity',
        userId: null,
        createdAt: (TODAY - Math.floor(next() * 60)) * DAY_MS,
        resolvedAt: next() < 0.5 ? (TODAY - Math.floor(next() * 10)) * DAY_MS : null,
        resolution: null,
      }));
      const keys =
        next() < 0.2 ? { then: [], now: ['edit'] } : { then: ['edit', 'share'], now: ['export', 'edit'] };
      const answers = Array.from({ length: Math.floor(next() * 5) }, (_, i) => {
        const nps = next() < 0.6;
        return {
          person: people[Math.floor(next() * people.length)] ?? 'p0',
          id: `e${i}`,
          time: (TODAY - Math.floor(next() * 250)) * DAY_MS + Math.floor(next() * DAY_MS),
          kind: nps ? ('nps' as const) : ('csat' as const),
          score: nps ? Math.floor(next() * 11) : 1 + Math.floor(next() * 5),
        };
      });
      const weights = { ...DEFAULT_HEALTH_WEIGHTS, sentiment: next() < 0.3 ? 0 : Math.floor(next() * 60) };
      const days = 1 + Math.floor(next() * 60);
      const input = scenario(actions, { signals, keys, days, answers, weights });
      const result = riskDrivers(input);
      expect({ seed, total: total(result) }).toEqual({ seed, total: result.change });
    }
  });

  it('says how recency moved in dates, and when there was no activity in between', () => {
    expect(recencyLabel(26, 12, TODAY, 14)).toBe(`No activity since ${isoDay(TODAY - 26)} (26 days)`);
    expect(recencyLabel(8, 5, TODAY, 14)).toBe(
      `Last active 8 days ago (it had been 5 days on ${isoDay(THEN)})`,
    );
    expect(recencyLabel(1, null, TODAY, 14)).toBe(
      `Last active 1 day ago (none in the 90 days up to ${isoDay(THEN)})`,
    );
    expect(recencyLabel(null, 3, TODAY, 14)).toBe('No activity in 90 days');
  });
});
