import { type EventRow, type EventType, type FunnelResult, type FunnelStep } from '@bindery/contracts';
import { filterHolds } from './common.reference';
import { generateEvents } from './generator';
import {
  type FunnelInput,
  referenceAccountDetail,
  referenceAccounts,
  referenceActivity,
  referenceDropoffs,
  referenceFeatures,
  referenceFunnel,
  referenceRetention,
} from './reference';
import { nth } from '../nth';

const P = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const SEC = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Monday 2024-01-01, 00:00 UTC. */
const MON = Date.UTC(2024, 0, 1);
const T = MON + 12 * HOUR;
const iso = (ms: number): string => new Date(ms).toISOString();

let serial = 0;
interface Extra {
  id?: string;
  account?: string;
  props?: Record<string, unknown>;
  type?: EventType;
  traits?: Record<string, unknown>;
}

/** An action of `who` (a user id, or an anonymous id when it starts with 'anon'). */
function ev(who: string, event: string, at: number, x: Extra = {}): EventRow {
  const type = x.type ?? (event === '$page' ? 'page' : 'track');
  const props = x.props ?? {};
  const feature = typeof props.feature === 'string' && props.feature !== '' ? props.feature : event;
  return {
    project_id: P,
    event_id: x.id ?? `e${String(++serial).padStart(5, '0')}`,
    type,
    event,
    feature: type === 'track' ? feature : '',
    timestamp: at,
    received_at: at + 5,
    user_id: who.startsWith('anon') ? '' : who,
    anonymous_id: who.startsWith('anon') ? who : `anon-of-${who}`,
    account_id: x.account ?? '',
    session_id: '',
    properties: JSON.stringify(props),
    context: '{}',
    traits: JSON.stringify(x.traits ?? {}),
    library_name: '',
    library_version: '',
    source: 'segment',
  };
}

const funnel = (steps: (string | FunnelStep)[], extra: Partial<FunnelInput> = {}): FunnelInput => ({
  steps: steps.map((s) => (typeof s === 'string' ? { event: s } : s)),
  windowSeconds: 3600,
  from: iso(T - DAY),
  to: iso(T + DAY),
  ...extra,
});
const counts = (r: FunnelResult): number[] => r.steps.map((s) => s.count);
const run = (events: EventRow[], q: FunnelInput): number[] => counts(referenceFunnel(events, P, q));

describe('property filters', () => {
  it('compare like types only, and test presence', () => {
    const props = { plan: 'pro', seats: 3, trial: false, note: null };
    expect(filterHolds(props, { plan: 'pro', seats: 3, trial: false })).toBe(true);
    expect(filterHolds(props, { seats: '3' })).toBe(false);
    expect(filterHolds(props, { trial: { op: 'eq', value: 'false' } })).toBe(false);
    expect(filterHolds(props, { missing: { op: 'neq', value: 'x' }, seats: { op: 'neq', value: '3' } })).toBe(
      true,
    );
    expect(filterHolds(props, { seats: { op: 'gt', value: 2 } })).toBe(true);
    expect(filterHolds(props, { seats: { op: 'gte', value: '2' } })).toBe(false);
    expect(filterHolds(props, { plan: { op: 'lt', value: 5 } })).toBe(false);
    expect(filterHolds(props, { seats: { op: 'lte', value: 3 } })).toBe(true);
    expect(filterHolds(props, { plan: { op: 'contains', value: 'ro' } })).toBe(true);
    expect(filterHolds(props, { plan: { op: 'contains', value: 'Ro' } })).toBe(false);
    expect(filterHolds(props, { note: { op: 'is_set' }, other: { op: 'is_not_set', value: 1 } })).toBe(true);
    expect(filterHolds(props, { plan: 'pro', seats: 4 })).toBe(false);
  });
});

describe('referenceFunnel', () => {
  it('orders events of one millisecond by the step they match, not by id', () => {
    // By id alone B would come first, and the no-step X would sit between them.
    const events = [ev('u', 'B', T, { id: 'a' }), ev('u', 'X', T, { id: 'm' }), ev('u', 'A', T, { id: 'z' })];
    expect(run(events, funnel(['A', 'B']))).toEqual([1, 1]);
    expect(run(events, funnel(['A', 'B'], { order: 'strict' }))).toEqual([1, 1]);
    expect(run(events, funnel(['B', 'A'], { order: 'strict' }))).toEqual([1, 1]);
    expect(referenceFunnel(events, P, funnel(['A', 'B'])).steps[1]?.medianSecondsToConvert).toBe(0);
  });

  it('needs two distinct events for a repeated step, and counts a duplicated row once', () => {
    const once = ev('u1', 'A', T);
    const events = [once, { ...once }, ev('u2', 'A', T, { id: 'x1' }), ev('u2', 'A', T, { id: 'x0' })];
    expect(run(events, funnel(['A', 'A']))).toEqual([2, 1]);
    expect(run(events, funnel(['A', 'A'], { order: 'strict' }))).toEqual([2, 1]);
    expect(run(events, funnel(['A', 'A'], { order: 'unordered' }))).toEqual([2, 2]);
  });

  it('breaks a strict path on any action between two steps', () => {
    const broken = [
      ev('u', 'A', T),
      ev('u', '$page', T + SEC),
      ev('u', 'B', T + 2 * SEC),
      ev('v', 'X', T + SEC),
    ];
    expect(run(broken, funnel(['A', 'B']))).toEqual([1, 1]);
    expect(run(broken, funnel(['A', 'B'], { order: 'strict' }))).toEqual([1, 0]);
    const retried = [...broken, ev('u', 'A', T + 3 * SEC), ev('u', 'B', T + 4 * SEC)];
    expect(run(retried, funnel(['A', 'B'], { order: 'strict' }))).toEqual([1, 1]);
  });

  it('lets one event satisfy several steps when unordered, and steps come in any order', () => {
    const both = [ev('u', 'A', T, { props: { plan: 'pro', seats: 3 } })];
    const steps: FunnelStep[] = [
      { event: 'A', where: { plan: 'pro' } },
      { event: 'A', where: { seats: { op: 'gte', value: 2 } } },
    ];
    expect(run(both, funnel(steps))).toEqual([1, 0]);
    expect(run(both, funnel(steps, { order: 'unordered' }))).toEqual([1, 1]);

    const reversed = [ev('u', 'B', T), ev('u', 'A', T + 10 * SEC)];
    const r = referenceFunnel(reversed, P, funnel(['A', 'B'], { order: 'unordered' }));
    expect(counts(r)).toEqual([1, 1]);
    // Step 2 is completed only when step 1 is.
    expect(r.steps[1]?.medianSecondsToConvert).toBe(0);
  });

  it('counts a last step exactly windowSeconds after the first, not a millisecond later', () => {
    const events = [
      ev('u1', 'A', T),
      ev('u1', 'B', T + 3600 * SEC),
      ev('u2', 'A', T),
      ev('u2', 'B', T + 3600 * SEC + 1),
    ];
    for (const order of ['ordered', 'strict', 'unordered'] as const) {
      expect(run(events, funnel(['A', 'B'], { order }))).toEqual([2, 1]);
    }
  });

  it('starts paths in [from, to) only, and lets later steps fall after to', () => {
    const [from, to] = [T, T + DAY];
    const events = [
      ev('early', 'A', from - 1),
      ev('early', 'B', from + 1),
      ev('first', 'A', from),
      ev('late', 'A', to - 1),
      ev('late', 'B', to + SEC),
      ev('after', 'A', to),
      ev('after', 'B', to + 1),
      // Unordered: a window may start at a later step's event and find step 1 after `to`.
      ev('flip', 'B', to - 1),
      ev('flip', 'A', to + 1),
    ];
    const q = funnel(['A', 'B'], { from: iso(from), to: iso(to) });
    expect(run(events, q)).toEqual([2, 1]);
    expect(run(events, { ...q, order: 'unordered' })).toEqual([3, 2]);
  });

  it('gives every step its counts, conversions, drop-offs and times (median of an even count)', () => {
    const gaps = [10_000, 20_001, 30_000, 40_000];
    const events = gaps.flatMap((gap, i) => [ev(`u${i}`, 'A', T), ev(`u${i}`, 'B', T + gap)]);
    events.push(ev('u9', 'A', T));
    expect(referenceFunnel(events, P, funnel(['A', 'B', 'C'])).steps).toEqual([
      {
        event: 'A',
        count: 5,
        conversionFromPrevious: 1,
        conversionFromFirst: 1,
        dropOff: 1,
        medianSecondsToConvert: null,
        avgSecondsToConvert: null,
      },
      {
        event: 'B',
        count: 4,
        conversionFromPrevious: 0.8,
        conversionFromFirst: 0.8,
        dropOff: 4,
        medianSecondsToConvert: 25.001,
        avgSecondsToConvert: 25,
      },
      {
        event: 'C',
        count: 0,
        conversionFromPrevious: 0,
        conversionFromFirst: 0,
        dropOff: 0,
        medianSecondsToConvert: null,
        avgSecondsToConvert: null,
      },
    ]);
  });

  it('times the best path: the latest first step that completes, then the first match of each step', () => {
    const latest = [
      ev('u', 'A', T),
      ev('u', 'A', T + 10 * SEC),
      ev('u', 'B', T + 20 * SEC),
      ev('u', 'B', T + 25 * SEC),
    ];
    expect(referenceFunnel(latest, P, funnel(['A', 'B'])).steps[1]?.medianSecondsToConvert).toBe(10);
    const onlyEarlier = [ev('v', 'A', T), ev('v', 'B', T + 10 * SEC), ev('v', 'A', T + 20 * SEC)];
    expect(referenceFunnel(onlyEarlier, P, funnel(['A', 'B'])).steps[1]?.medianSecondsToConvert).toBe(10);
  });

  it('breaks down by the step-1 value: strings, JSON text of numbers, null when missing', () => {
    const events = [
      ev('u1', 'A', T, { props: { seats: 3 } }),
      ev('u1', 'B', T + SEC),
      ev('u2', 'A', T, { props: { seats: 3 } }),
      ev('u3', 'A', T, { props: { seats: '3' } }),
      ev('u4', 'A', T, { props: {} }),
      ev('u4', 'B', T + 2 * SEC),
      ev('u5', 'A', T, { props: { seats: 2.5 } }),
      ev('u6', 'A', T, { props: { seats: 2.5, plan: 'pro' } }),
      // Counts under both 3 and null.
      ev('u7', 'A', T, { props: { seats: 3 } }),
      ev('u7', 'A', T + 60 * SEC),
      ev('u7', 'B', T + 120 * SEC),
      ev('u8', 'B', T, { props: { seats: 9 } }),
    ];
    const r = referenceFunnel(events, P, funnel(['A', 'B'], { breakdown: { property: 'seats' } }));
    expect(r.breakdowns?.map((b) => [b.value, counts({ steps: b.steps })])).toEqual([
      ['3', [4, 2]],
      ['2.5', [2, 0]],
      [null, [2, 2]],
    ]);
    expect(r.breakdowns?.[0]?.steps[1]?.medianSecondsToConvert).toBe(60.5);
    const limited = referenceFunnel(
      events,
      P,
      funnel(['A', 'B'], { breakdown: { property: 'seats', limit: 2 } }),
    );
    expect(limited.breakdowns?.map((b) => b.value)).toEqual(['3', '2.5']);
    expect(counts(limited)).toEqual([7, 3]);
  });

  it("orders ties in a value's funnel by that funnel's own step 1", () => {
    const events = [
      ev('u', 'A', T, { id: 'x', props: { plan: 'pro' } }),
      ev('u', 'A', T, { id: 'y', props: { plan: 'free' } }),
    ];
    const r = referenceFunnel(
      events,
      P,
      funnel(['A', 'A'], { order: 'strict', breakdown: { property: 'plan' } }),
    );
    expect(r.breakdowns?.map((b) => [b.value, counts({ steps: b.steps })])).toEqual([
      ['free', [1, 1]],
      ['pro', [1, 1]],
    ]);
  });

  it('counts accounts, leaving out events without one', () => {
    const events = [
      ev('u1', 'A', T, { account: 'acme' }),
      ev('u2', 'B', T + SEC, { account: 'acme' }),
      ev('u3', 'A', T),
    ];
    expect(run(events, funnel(['A', 'B'], { aggregateBy: 'account' }))).toEqual([1, 1]);
    expect(run(events, funnel(['A', 'B']))).toEqual([2, 0]);
  });
});

describe('referenceDropoffs', () => {
  it('lists the subjects stopping at a step by id, with their step time, latest action and account', () => {
    const events = [
      ev('u2', 'A', T, { account: 'acme' }),
      ev('u2', 'A', T + 5 * SEC, { account: 'globex' }),
      ev('u2', '$page', T + 3 * DAY),
      ev('u1', 'A', T + SEC),
      ev('u3', 'A', T),
      ev('u3', 'B', T + 7 * SEC, { account: 'acme' }),
    ];
    expect(referenceDropoffs(events, P, funnel(['A', 'B']), 1)).toEqual([
      {
        id: 'u1',
        reachedStepAt: iso(T + SEC),
        lastEvent: { event: 'A', timestamp: iso(T + SEC) },
        accountId: null,
      },
      {
        id: 'u2',
        reachedStepAt: iso(T + 5 * SEC),
        lastEvent: { event: '$page', timestamp: iso(T + 3 * DAY) },
        accountId: 'globex',
      },
    ]);
    expect(referenceDropoffs(events, P, funnel(['A', 'B']), 2)).toEqual([
      {
        id: 'u3',
        reachedStepAt: iso(T + 7 * SEC),
        lastEvent: { event: 'B', timestamp: iso(T + 7 * SEC) },
        accountId: 'acme',
      },
    ]);
  });
});

describe('referenceFunnel trend', () => {
  it('calls a day complete once an entrant at its end (or at `to`) has had its whole window', () => {
    // A one-hour window; the range is Monday noon to Wednesday noon.
    const events = [ev('u1', 'A', T), ev('u1', 'B', T + 60 * SEC), ev('u2', 'A', T + DAY)];
    const q = funnel(['A', 'B'], { from: iso(T), to: iso(T + 2 * DAY), trend: 'day' });
    const at = (now: number) =>
      referenceFunnel(events, P, q, 'UTC', now).trend?.map((p) => [p.entered, p.converted, p.complete]);

    expect(at(MON + DAY + HOUR)).toEqual([
      [1, 1, true],
      [1, 0, false],
      [0, 0, false],
    ]);
    expect(at(MON + 2 * DAY + 12 * HOUR + HOUR - 1)).toEqual([
      [1, 1, true],
      [1, 0, true],
      [0, 0, false],
    ]);
    expect(at(MON + 2 * DAY + 13 * HOUR)?.every(([, , complete]) => complete)).toBe(true);
  });
});

describe('referenceRetention', () => {
  it('runs weeks from Monday, takes each first start ever, is null past to, leaves the period in progress out of the curve', () => {
    const [from, to] = [MON + 2 * DAY, MON + 16 * DAY];
    const events = [
      ev('u1', 'Start', MON + DAY),
      ev('u1', 'Start', MON + 3 * DAY),
      ev('u1', 'Back', MON + 8 * DAY),
      ev('u1', 'Back', MON + 16 * DAY),
      ev('u2', 'Start', MON + 7 * DAY),
      ev('u2', 'Back', MON + 15 * DAY + 23 * HOUR),
      ev('u3', 'Start', MON - 1),
      ev('u3', 'Start', MON + 3 * DAY),
      ev('u3', 'Back', MON + 8 * DAY),
      ev('u4', 'Start', MON + 4 * DAY),
      ev('u4', 'Back', MON + 6 * DAY),
      ev('u4', 'Back', MON + 14 * DAY),
    ];
    const q = { startEvent: 'Start', returnEvent: 'Back', periods: 3, from: iso(from), to: iso(to) };
    expect(referenceRetention(events, P, q)).toEqual({
      period: 'week',
      cohorts: [
        // `to` is the Wednesday of the third week: the week in progress then counts so far, out of the curve.
        { start: '2024-01-01', size: 2, returned: [1, 1, null], ended: 1 },
        { start: '2024-01-08', size: 1, returned: [1, null, null], ended: 0 },
        { start: '2024-01-15', size: 0, returned: [null, null, null], ended: 0 },
      ],
      curve: [
        { period: 0, subjects: 3, returned: 3, rate: 1 },
        { period: 1, subjects: 2, returned: 1, rate: 0.5 },
        { period: 2, subjects: 0, returned: 0, rate: null },
        { period: 3, subjects: 0, returned: 0, rate: null },
      ],
    });
    const daily = referenceRetention(events, P, {
      ...q,
      period: 'day',
      periods: 2,
      from: iso(MON + 7 * DAY),
      to: iso(MON + 8 * DAY + 1),
    });
    expect(daily).toEqual({
      period: 'day',
      cohorts: [
        { start: '2024-01-08', size: 1, returned: [0, null], ended: 0 },
        { start: '2024-01-09', size: 0, returned: [null, null], ended: 0 },
      ],
      curve: [
        { period: 0, subjects: 1, returned: 1, rate: 1 },
        { period: 1, subjects: 0, returned: 0, rate: null },
        { period: 2, subjects: 0, returned: 0, rate: null },
      ],
    });
  });

  it('takes its periods in the time zone asked for', () => {
    // 03:00 UTC on Monday 8 January is Sunday evening in New York: the week of 1 January there.
    const events = [ev('u1', 'Start', MON + 7 * DAY + 3 * HOUR), ev('u1', 'Back', MON + 8 * DAY + 3 * HOUR)];
    const q = {
      startEvent: 'Start',
      returnEvent: 'Back',
      periods: 1,
      from: iso(MON),
      to: iso(MON + 14 * DAY),
    };
    expect(referenceRetention(events, P, q).cohorts.map((c) => [c.start, c.size])).toEqual([
      ['2024-01-01', 0],
      ['2024-01-08', 1],
    ]);
    expect(
      referenceRetention(events, P, q, 'America/New_York').cohorts.map((c) => [c.start, c.size]),
    ).toEqual([
      // `from`, Monday 00:00 UTC, is Sunday in New York: its week, of 25 December, is the first cohort.
      ['2023-12-25', 0],
      ['2024-01-01', 1],
      ['2024-01-08', 0],
    ]);
  });
});

describe('referenceActivity', () => {
  it('counts the day, the 7 days and the 30 days ending on each day, and the day’s actions', () => {
    const d = MON + 40 * DAY;
    const events = [
      ev('u1', 'A', d + HOUR, { account: 'acme' }),
      ev('u1', '$page', d + 2 * HOUR),
      ev('u2', 'A', d - 6 * DAY),
      ev('u3', 'A', d - 7 * DAY, { account: 'acme' }),
      ev('u4', 'A', d - 29 * DAY),
      ev('u5', 'A', d - 30 * DAY),
      ev('u6', 'A', d + DAY),
      ev('u7', '$identify', d, { type: 'identify' }),
    ];
    expect(referenceActivity(events, P, { from: iso(d + HOUR), to: iso(d + DAY) })).toEqual({
      series: [{ day: '2024-02-10', dau: 1, wau: 2, mau: 4, stickiness: 0.25, events: 2 }],
    });
    expect(
      referenceActivity(events, P, { from: iso(d), to: iso(d + DAY), accountId: 'acme' }).series,
    ).toEqual([{ day: '2024-02-10', dau: 1, wau: 1, mau: 2, stickiness: 0.5, events: 1 }]);
  });
});

describe('referenceFeatures', () => {
  it('counts users, repeats and abandonment exactly abandonDays after the last use', () => {
    const billing = { feature: 'billing' };
    const clicked = ev('u1', 'Clicked', MON + 10 * HOUR, { props: billing });
    const events = [
      clicked,
      { ...clicked },
      ev('u1', '$page', MON + 3 * DAY + HOUR),
      ev('u2', 'Clicked', MON + 11 * HOUR, { props: billing }),
      ev('u2', '$page', MON + 3 * DAY - 1),
      ev('u3', 'Clicked', MON + 9 * HOUR, { props: billing }),
      ev('u3', 'Clicked', MON + DAY, { props: billing }),
      ev('u3', '$page', MON + 4 * DAY),
      ev('u4', 'Export', MON + DAY + HOUR, { props: { feature: '' } }),
      ev('u5', '$page', MON + 2 * DAY),
      ev('u6', 'Clicked', MON - 1, { props: billing }),
    ];
    expect(referenceFeatures(events, P, { from: iso(MON), to: iso(MON + 4 * DAY), abandonDays: 3 })).toEqual({
      activeSubjects: 5,
      features: [
        {
          feature: 'billing',
          name: 'billing',
          subjects: 3,
          shareOfActive: 0.6,
          // The feature's first use ever (u6's, before the range), not its first in the range.
          firstUsedAt: iso(MON - 1),
          repeatRate: 1 / 3,
          abandoned: 1,
        },
        {
          feature: 'Export',
          name: 'Export',
          subjects: 1,
          shareOfActive: 0.2,
          firstUsedAt: iso(MON + DAY + HOUR),
          repeatRate: 0,
          abandoned: 0,
        },
      ],
    });
  });
});

describe('referenceAccounts', () => {
  const D = MON + 100 * DAY;
  const asOf = D + 5 * HOUR;
  const a = { account: 'a' };
  const group = (account: string, at: number, traits: Record<string, unknown>): EventRow =>
    ev('u1', '$group', at, { type: 'group', account, traits });
  const kept = ev('u1', 'Export', D + 3 * HOUR, { ...a, props: { feature: 'billing' } });
  const events = [
    group('a', D - 50 * DAY, { name: 'Acme', plan: 'free', seats: 3 }),
    group('a', D - 10 * DAY, { plan: 'pro' }),
    group('c', D - DAY, { name: 'Only traits' }),
    // People's traits: the newest value of each; a blank name is none.
    ev('u1', '$identify', D - 50 * DAY, {
      type: 'identify',
      traits: { name: 'Ann', email: 'old@a.example' },
    }),
    ev('u1', '$identify', D - 10 * DAY, { type: 'identify', traits: { email: 'ann@a.example' } }),
    ev('u2', '$identify', D - 10 * DAY, { type: 'identify', traits: { name: '  ' } }),
    kept,
    { ...kept },
    ev('u1', '$page', D - 6 * DAY, a),
    ev('u1', 'Export', D + 23 * HOUR, a),
    ev('u1', 'Export', D + DAY, a),
    ev('u2', 'Export', D - 6 * DAY - 1, a),
    ev('u3', 'Signed Up', D - 29 * DAY, a),
    ev('u4', '$page', D - 30 * DAY, a),
    ev('u5', '$page', D - 89 * DAY, a),
    ev('u6', '$page', D - 89 * DAY - 1, a),
    ev('u7', '$page', D - 200 * DAY, { account: 'b' }),
    ev('u8', '$page', D, { id: 'elsewhere', account: 'z' }),
  ].map((row) => (row.event_id === 'elsewhere' ? { ...row, project_id: 'another-project' } : row));

  const summaryOfA = {
    id: 'a',
    traits: { name: 'Acme', plan: 'pro', seats: 3 },
    users: 5,
    activeUsers7d: 1,
    activeUsers30d: 3,
    lastSeenAt: iso(D + 23 * HOUR),
    health: null,
    weeklyEvents: [0, 0, 0, 2, 0, 0, 1, 3],
  };

  it('lists every known account by id', () => {
    const zeros = new Array<number>(8).fill(0);
    expect(referenceAccounts(events, P, asOf)).toEqual([
      summaryOfA,
      // Seen long ago: no users in the 90 days, yet last seen.
      {
        id: 'b',
        traits: {},
        users: 0,
        activeUsers7d: 0,
        activeUsers30d: 0,
        lastSeenAt: iso(D - 200 * DAY),
        health: null,
        weeklyEvents: zeros,
      },
      {
        id: 'c',
        traits: { name: 'Only traits' },
        users: 0,
        activeUsers7d: 0,
        activeUsers30d: 0,
        lastSeenAt: null,
        health: null,
        weeklyEvents: zeros,
      },
    ]);
  });

  it('details an account: daily series, features and members', () => {
    const busy = new Map([
      [D - 29 * DAY, { events: 1, activeUsers: 1 }],
      [D - 7 * DAY, { events: 1, activeUsers: 1 }],
      [D - 6 * DAY, { events: 1, activeUsers: 1 }],
      [D, { events: 2, activeUsers: 1 }],
    ]);
    const daily = Array.from({ length: 30 }, (_, i) => D - (29 - i) * DAY).map((day) => ({
      day: iso(day).slice(0, 10),
      ...(busy.get(day) ?? { events: 0, activeUsers: 0 }),
    }));
    expect(referenceAccountDetail(events, P, 'a', asOf)).toEqual({
      ...summaryOfA,
      daily,
      features: [
        { feature: 'Export', uses: 2, users: 2, lastUsedAt: iso(D + 23 * HOUR) },
        { feature: 'Signed Up', uses: 1, users: 1, lastUsedAt: iso(D - 29 * DAY) },
        { feature: 'billing', uses: 1, users: 1, lastUsedAt: iso(D + 3 * HOUR) },
      ],
      members: [
        { id: 'u1', name: 'Ann', email: 'ann@a.example', lastSeenAt: iso(D + 23 * HOUR), events30d: 3 },
        { id: 'u2', name: null, email: null, lastSeenAt: iso(D - 6 * DAY - 1), events30d: 1 },
        { id: 'u3', name: null, email: null, lastSeenAt: iso(D - 29 * DAY), events30d: 1 },
        { id: 'u4', name: null, email: null, lastSeenAt: iso(D - 30 * DAY), events30d: 0 },
        { id: 'u5', name: null, email: null, lastSeenAt: iso(D - 89 * DAY), events30d: 0 },
      ],
    });
    expect(() => referenceAccountDetail(events, P, 'z', asOf)).toThrow();
  });
});

describe('generateEvents', () => {
  const rows = generateEvents({ seed: 42, projectId: P, days: 14 });
  const mine = rows.filter((r) => r.project_id === P);
  const actions = mine.filter((r) => ['track', 'page', 'screen'].includes(r.type));

  it('is deterministic for a seed', () => {
    expect(generateEvents({ seed: 42, projectId: P, days: 14 })).toEqual(rows);
    expect(generateEvents({ seed: 43, projectId: P, days: 14 })).not.toEqual(rows);
  });

  it('holds the awkward cases the reports must handle', () => {
    const byId = new Map<string, EventRow[]>();
    for (const r of mine) byId.set(r.event_id, [...(byId.get(r.event_id) ?? []), r]);
    const copies = [...byId.values()].filter((list) => list.length > 1);
    expect(copies.length).toBeGreaterThan(0);
    for (const list of copies) expect(new Set(list.map((r) => JSON.stringify(r))).size).toBe(1);

    const subject = (r: EventRow): string => r.user_id || r.anonymous_id;
    const at = new Map<string, Set<string>>();
    for (const r of actions) {
      const key = `${subject(r)} ${r.timestamp}`;
      at.set(key, (at.get(key) ?? new Set()).add(r.event));
    }
    expect([...at.values()].some((names) => names.size > 1)).toBe(true);

    expect(mine.some((r, i) => i > 0 && r.timestamp < nth(mine, i - 1).timestamp)).toBe(true);
    const byTime = [...mine].sort((x, y) => x.timestamp - y.timestamp);
    expect(byTime.some((r, i) => i > 0 && r.received_at < nth(byTime, i - 1).received_at)).toBe(true);

    expect(actions.some((r) => r.user_id === '' && r.anonymous_id !== '')).toBe(true);
    expect(actions.some((r) => r.account_id === '')).toBe(true);
    const accountsOf = new Map<string, Set<string>>();
    for (const r of actions.filter((x) => x.user_id !== '' && x.account_id !== '')) {
      accountsOf.set(r.user_id, (accountsOf.get(r.user_id) ?? new Set()).add(r.account_id));
    }
    expect([...accountsOf.values()].some((s) => s.size > 1)).toBe(true);
    for (const type of ['identify', 'group', 'alias', 'page', 'screen'] as const) {
      expect(mine.some((r) => r.type === type)).toBe(true);
    }
    expect(
      mine.filter((r) => r.type === 'group').every((r) => r.account_id !== '' && r.traits !== '{}'),
    ).toBe(true);
    expect(mine.filter((r) => r.type === 'page').every((r) => r.event === '$page')).toBe(true);
    expect(actions.some((r) => r.timestamp % DAY === 0)).toBe(true);
    expect(actions.some((r) => r.timestamp % DAY === DAY - 1)).toBe(true);
    expect(rows.some((r) => r.project_id !== P)).toBe(true);

    const props = actions.map((r) => JSON.parse(r.properties) as Record<string, unknown>);
    expect(props.some((p) => typeof p.plan === 'string')).toBe(true);
    expect(props.some((p) => typeof p.seats === 'number')).toBe(true);
    expect(props.some((p) => typeof p.trial === 'boolean')).toBe(true);
    expect(actions.some((r) => r.type === 'track' && r.feature !== r.event)).toBe(true);
    for (const r of mine) {
      const p = JSON.parse(r.properties) as Record<string, unknown>;
      const expected =
        r.type !== 'track' ? '' : typeof p.feature === 'string' && p.feature ? p.feature : r.event;
      expect(r.feature).toBe(expected);
    }
  });
});
