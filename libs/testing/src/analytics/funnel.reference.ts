import {
  type Aggregation,
  type EventRow,
  type FunnelOrder,
  type FunnelQuery,
  type FunnelResult,
  type FunnelStepResult,
  type FunnelTrendPoint,
} from '@bindery/contracts';
import {
  type Action,
  actionsOf,
  breakdownValue,
  compareText,
  dayString,
  filterHolds,
  groupBy,
  iso,
  mean,
  median,
  mondayOf,
  parseRange,
  roundedSeconds,
  subjectOf,
  zonedDayOf,
  zonedDayStartOf,
} from './common.reference';
import { nth } from '../nth';

/** A funnel query whose defaulted fields may be left out, as a client may send it. */
export type FunnelInput = Omit<FunnelQuery, 'order' | 'aggregateBy' | 'breakdown'> & {
  order?: FunnelOrder;
  aggregateBy?: Aggregation;
  breakdown?: { property: string; limit?: number };
};

export interface DropoffSubject {
  id: string;
  reachedStepAt: string;
  lastEvent: { event: string; timestamp: string };
  accountId: string | null;
}

type Matcher = (action: Action) => boolean;

interface Setup {
  matchers: Matcher[];
  order: FunnelOrder;
  from: number;
  to: number;
  windowMs: number;
}

/** How far a subject got, and the time of each step on its best path (`unordered`: when it was completed). */
interface Reach {
  steps: number;
  times: number[];
}

const firstStep = (action: Action, matchers: Matcher[]): number => {
  const i = matchers.findIndex((m) => m(action));
  return i === -1 ? Infinity : i;
};

/** The steps an action matches as a binary number: step 1 worth 1, step 2 worth 2, step 3 worth 4. */
const stepSet = (action: Action, matchers: Matcher[]): number =>
  matchers.reduce((sum, m, i) => (m(action) ? sum + 2 ** i : sum), 0);

/**
 * The subject's sequence: by time, ties by the first step matched (none last), then by the set of steps
 * matched; events equal in all three are interchangeable, ordered by id only to be deterministic.
 */
function sequence(actions: Action[], matchers: Matcher[]): Action[] {
  return actions
    .map((action) => ({ action, step: firstStep(action, matchers), set: stepSet(action, matchers) }))
    .sort(
      (a, b) =>
        a.action.time - b.action.time ||
        a.step - b.step ||
        a.set - b.set ||
        compareText(a.action.id, b.action.id),
    )
    .map((x) => x.action);
}

/** The longest path from seq[start] as step 1, trying every later matching event (memoised per start). */
function longestPath(seq: Action[], matchers: Matcher[], start: number, windowEnd: number): number {
  const memo = new Map<number, number>();
  const visit = (pos: number, step: number): number => {
    if (step + 1 === matchers.length) return step + 1;
    const key = pos * matchers.length + step;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best = step + 1;
    const matches = nth(matchers, step + 1);
    for (let j = pos + 1; j < seq.length && nth(seq, j).time <= windowEnd && best < matchers.length; j++) {
      if (matches(nth(seq, j))) best = Math.max(best, visit(j, step + 1));
    }
    memo.set(key, best);
    return best;
  };
  return visit(start, 0);
}

/** The strict path from seq[start]: each step must be the very next action. */
function strictLength(seq: Action[], matchers: Matcher[], start: number, windowEnd: number): number {
  let length = 1;
  for (let pos = start + 1; length < matchers.length && pos < seq.length; pos++) {
    const action = nth(seq, pos);
    if (action.time > windowEnd || !nth(matchers, length)(action)) break;
    length++;
  }
  return length;
}

function reachInOrder(seq: Action[], s: Setup): Reach {
  let steps = 0;
  let best = -1;
  seq.forEach((e1, start) => {
    if (e1.time < s.from || e1.time >= s.to || !nth(s.matchers, 0)(e1)) return;
    const windowEnd = e1.time + s.windowMs;
    const length =
      s.order === 'strict'
        ? strictLength(seq, s.matchers, start, windowEnd)
        : longestPath(seq, s.matchers, start, windowEnd);
    // Starts come in sequence order, so an equal time never replaces the earlier start.
    if (length > steps || (length === steps && e1.time > nth(seq, best).time)) {
      steps = length;
      best = start;
    }
  });
  if (steps === 0) return { steps, times: [] };
  const path = [best];
  for (let i = 1; i < steps; i++) {
    let next = nth(path, i - 1) + 1;
    if (s.order === 'ordered') while (!nth(s.matchers, i)(nth(seq, next))) next++;
    path.push(next);
  }
  const times = path.map((i) => nth(seq, i).time);
  if (nth(times, -1) > nth(times, 0) + s.windowMs) throw new Error('best path leaves its window');
  return { steps, times };
}

function reachUnordered(seq: Action[], s: Setup): Reach {
  let steps = 0;
  let bestStart = -Infinity;
  let firsts: number[] = [];
  for (const start of seq) {
    if (start.time < s.from || start.time >= s.to || !s.matchers.some((m) => m(start))) continue;
    const end = start.time + s.windowMs;
    const inWindow = seq.filter((e) => e.time >= start.time && e.time <= end);
    const found: number[] = [];
    for (const matcher of s.matchers) {
      const hit = inWindow.find(matcher);
      if (!hit) break;
      found.push(hit.time);
    }
    if (found.length > steps || (found.length === steps && steps > 0 && start.time > bestStart)) {
      steps = found.length;
      bestStart = start.time;
      firsts = found;
    }
  }
  // Step k is completed once steps 1..k all happened.
  const times = firsts.map((_, k) => Math.max(...firsts.slice(0, k + 1)));
  return { steps, times };
}

/** Every subject that reaches step 1, with its reach and its whole sequence. */
function reaches(actions: Action[], by: Aggregation, s: Setup): Map<string, { reach: Reach; seq: Action[] }> {
  const result = new Map<string, { reach: Reach; seq: Action[] }>();
  for (const [id, own] of groupBy(actions, (a) => subjectOf(a, by))) {
    const seq = sequence(own, s.matchers);
    const reach = s.order === 'unordered' ? reachUnordered(seq, s) : reachInOrder(seq, s);
    if (reach.steps > 0) result.set(id, { reach, seq });
  }
  return result;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

function stepResults(events: string[], all: Reach[]): FunnelStepResult[] {
  const counts = events.map((_, k) => all.filter((r) => r.steps > k).length);
  return events.map((event, k) => {
    const durations =
      k === 0 ? [] : all.filter((r) => r.steps > k).map((r) => nth(r.times, k) - nth(r.times, k - 1));
    const count = nth(counts, k);
    return {
      event,
      count,
      conversionFromPrevious: k === 0 ? 1 : ratio(count, nth(counts, k - 1)),
      conversionFromFirst: ratio(count, nth(counts, 0)),
      dropOff: k === events.length - 1 ? 0 : count - nth(counts, k + 1),
      medianSecondsToConvert: durations.length > 0 ? roundedSeconds(median(durations)) : null,
      avgSecondsToConvert: durations.length > 0 ? roundedSeconds(mean(durations)) : null,
    };
  });
}

function setupOf(q: FunnelInput, firstMatcher?: Matcher): Setup {
  const matchers: Matcher[] = q.steps.map(
    (step) => (a: Action) => a.event === step.event && filterHolds(a.props, step.where),
  );
  if (firstMatcher) matchers[0] = firstMatcher;
  return { matchers, order: q.order ?? 'ordered', ...parseRange(q), windowMs: q.windowSeconds * 1000 };
}

/**
 * Conversion over time: every period (day or Monday week of the zone) of the range, each subject that reached
 * step 1 counted in the one of its best path's step 1 (the last, for an unordered step 1 after `to`).
 */
function trendOf(
  all: Reach[],
  q: FunnelInput,
  interval: 'day' | 'week',
  timeZone: string,
  now: number,
): FunnelTrendPoint[] {
  const { from, to } = parseRange(q);
  const periodOf = (ms: number) => {
    const day = zonedDayOf(ms, timeZone);
    return interval === 'day' ? day : mondayOf(day);
  };
  const length = interval === 'day' ? 1 : 7;
  const last = periodOf(to - 1);
  const points: FunnelTrendPoint[] = [];
  for (let start = periodOf(from); start <= last; start += length) {
    const entered = all.filter((r) => Math.min(periodOf(nth(r.times, 0)), last) === start);
    const converted = entered.filter((r) => r.steps === q.steps.length).length;
    // Its latest entrant can start at its end or at `to`, whichever is first, and convert a window later.
    const latestStart = Math.min(zonedDayStartOf(start + length, timeZone), to);
    points.push({
      start: dayString(start),
      entered: entered.length,
      converted,
      conversion: entered.length === 0 ? 0 : converted / entered.length,
      complete: latestStart + q.windowSeconds * 1000 <= now,
    });
  }
  return points;
}

/**
 * The funnel report (`POST /funnels/query`), computed by enumerating every start of every subject; its trend by
 * the days of `timeZone`, its periods complete by `now`.
 */
export function referenceFunnel(
  events: EventRow[],
  projectId: string,
  q: FunnelInput,
  timeZone = 'UTC',
  now = Date.now(),
): FunnelResult {
  const actions = actionsOf(events, projectId);
  const by = q.aggregateBy ?? 'user';
  const names = q.steps.map((step) => step.event);
  const setup = setupOf(q);
  const all = [...reaches(actions, by, setup).values()].map((x) => x.reach);
  const steps = stepResults(names, all);
  const trend = q.trend ? { trend: trendOf(all, q, q.trend, timeZone, now) } : {};
  if (!q.breakdown) return { steps, ...trend };

  const property = q.breakdown.property;
  const values = new Set<string | null>();
  for (const a of actions) {
    if (subjectOf(a, by) !== null && nth(setup.matchers, 0)(a)) {
      values.add(breakdownValue(a.props, property));
    }
  }
  const breakdowns = [...values]
    .map((value) => {
      const first: Matcher = (a) => nth(setup.matchers, 0)(a) && breakdownValue(a.props, property) === value;
      const found = [...reaches(actions, by, setupOf(q, first)).values()].map((x) => x.reach);
      return { value, steps: stepResults(names, found) };
    })
    .filter((b) => nth(b.steps, 0).count > 0);
  breakdowns.sort(
    (a, b) =>
      nth(b.steps, 0).count - nth(a.steps, 0).count ||
      (a.value === null ? 1 : b.value === null ? -1 : compareText(a.value, b.value)),
  );
  return { steps, ...trend, breakdowns: breakdowns.slice(0, q.breakdown.limit ?? 25) };
}

/** The subjects whose furthest step is exactly `step` (`GET /funnels/dropoffs`, every page), by id. */
export function referenceDropoffs(
  events: EventRow[],
  projectId: string,
  q: FunnelInput,
  step: number,
): DropoffSubject[] {
  const found = reaches(actionsOf(events, projectId), q.aggregateBy ?? 'user', setupOf(q));
  return [...found]
    .filter(([, { reach }]) => reach.steps === step)
    .sort(([a], [b]) => compareText(a, b))
    .map(([id, { reach, seq }]) => {
      // The most recent action; at equal times, the one whose name sorts last.
      const last = seq.reduce((a, b) =>
        b.time > a.time || (b.time === a.time && compareText(b.event, a.event) > 0) ? b : a,
      );
      // The account of the most recent action that had one; at equal times, by event name, then account.
      const withAccount = seq.filter((a) => a.account !== '');
      const lastAccount = withAccount.length
        ? withAccount.reduce((a, b) =>
            b.time > a.time ||
            (b.time === a.time &&
              (compareText(b.event, a.event) > 0 ||
                (b.event === a.event && compareText(b.account, a.account) > 0)))
              ? b
              : a,
          ).account
        : null;
      return {
        id,
        reachedStepAt: iso(nth(reach.times, step - 1)),

        lastEvent: { event: last.event, timestamp: iso(last.time) },
        accountId: lastAccount,
      };
    });
}
