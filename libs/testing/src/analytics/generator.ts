import { type EventRow, type EventSource, type EventType } from '@bindery/contracts';
import { nth } from '../nth';

export interface GenerateEventsOptions {
  seed: number;
  projectId: string;
  /** Identified people (user ids `user-NN`). */
  users?: number;
  /** People only ever seen by an anonymous id (`anon-NN`). */
  anonymousUsers?: number;
  /** Accounts `acct-NN`; one more, `acct-groups-only`, is known only from its group calls. */
  accounts?: number;
  days?: number;
  /** The UTC midnight the data starts at (epoch ms); a day either side gets some events too. */
  start?: number;
  /** Track event names, in the order of a typical journey, so funnels along it convert. */
  eventNames?: string[];
  /** Actions per person, on average. */
  eventsPerUser?: number;
  /** Copies of some rows under this project, which reports of `projectId` must ignore. */
  otherProjectId?: string;
}

/** In journey order, which is also alphabetical, so that a funnel over the sorted names converts. */
export const DEFAULT_EVENT_NAMES = [
  'Account Created',
  'Book Created',
  'Chapter Added',
  'Draft Shared',
  'Export Started',
];
/** Monday 2024-01-01, 00:00 UTC. */
export const DEFAULT_START = Date.UTC(2024, 0, 1);
export const DEFAULT_OTHER_PROJECT_ID = '00000000-0000-4000-8000-00000000beef';

const DAY = 86_400_000;
// Round gaps (and one millisecond either side) so that sums of gaps land on typical windows exactly.
const ROUND_GAPS = [1, 999, 1000, 5000, 30_000, 59_999, 60_000, 60_001, 120_000, 300_000, 900_000, 3_600_000];
const FEATURES = ['billing', 'reports', 'search', ''];

/** A small seeded PRNG (mulberry32): the same seed gives the same sequence, in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return nth(items, Math.floor(this.next() * items.length));
  }
  hex(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += '0123456789abcdef'[this.int(0, 15)];
    return s;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [items[i], items[j]] = [nth(items, j), nth(items, i)];
    }
    return items;
  }
}

interface Person {
  userId: string;
  anonymousId: string;
  accounts: string[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * Seeded test events with the awkward cases the reports must get right: ties, shuffled arrival, client
 * retries, boundary times, several accounts per person, anonymous people, anonymous visits identified later,
 * links the merge rules refuse, trait calls and typed properties.
 */
export function generateEvents(options: GenerateEventsOptions): EventRow[] {
  const {
    seed,
    projectId,
    users = 30,
    anonymousUsers = 6,
    accounts = 5,
    days = 28,
    start = DEFAULT_START,
    eventNames = DEFAULT_EVENT_NAMES,
    eventsPerUser = 40,
    otherProjectId = DEFAULT_OTHER_PROJECT_ID,
  } = options;
  const dice = new Dice(mulberry32(seed));
  const usedIds = new Set<string>();
  const rows: EventRow[] = [];
  const accountIds = Array.from({ length: accounts }, (_, i) => `acct-${pad(i)}`);
  const accountPlan = new Map(accountIds.map((id) => [id, dice.pick(['free', 'pro'])]));

  const eventId = (): string => {
    let id: string;
    do id = `${dice.hex(8)}-${dice.hex(4)}-4${dice.hex(3)}-8${dice.hex(3)}-${dice.hex(12)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };

  const emit = (fields: {
    type: EventType;
    event: string;
    time: number;
    userId: string;
    anonymousId: string;
    account: string;
    session?: string;
    properties?: Record<string, unknown>;
    traits?: Record<string, unknown>;
  }): void => {
    const properties = fields.properties ?? {};
    const source: EventSource = dice.chance(0.2) ? 'posthog' : 'segment';
    const library = source === 'posthog' ? 'posthog-js' : 'analytics.js';
    const lag = dice.chance(0.8)
      ? dice.int(20, 3000)
      : dice.chance(0.7)
        ? dice.int(60_000, 6 * 3_600_000)
        : 0;
    rows.push({
      project_id: projectId,
      event_id: eventId(),
      type: fields.type,
      event: fields.event,
      feature:
        fields.type !== 'track'
          ? ''
          : typeof properties.feature === 'string' && properties.feature !== ''
            ? properties.feature
            : fields.event,
      timestamp: fields.time,
      received_at: fields.time + lag,
      user_id: fields.userId,
      anonymous_id: fields.anonymousId,
      account_id: fields.account,
      session_id: fields.session ?? '',
      properties: JSON.stringify(properties),
      context: JSON.stringify({ library: { name: library, version: '1.2.3' } }),
      traits: JSON.stringify(fields.traits ?? {}),
      library_name: library,
      library_version: '1.2.3',
      source,
    });
  };

  const people: Person[] = [];
  for (let i = 0; i < users; i++) {
    const home = accountIds[i % Math.max(accounts, 1)];
    const own = dice.chance(0.15) || !home ? [] : [home];
    if (own.length > 0 && accounts > 1 && dice.chance(0.3)) {
      own.push(dice.pick(accountIds.filter((a) => a !== home)));
    }
    people.push({ userId: `user-${pad(i)}`, anonymousId: `anon-u${pad(i)}`, accounts: own });
  }
  for (let i = 0; i < anonymousUsers; i++) {
    const own = accounts > 0 && dice.chance(0.5) ? [dice.pick(accountIds)] : [];
    people.push({ userId: '', anonymousId: `anon-${pad(i)}`, accounts: own });
  }

  // Session starts: anywhere in the days, a day either side, and often just around a UTC midnight.
  const sessionStart = (): number => {
    const midnight = start + dice.int(-1, days) * DAY;
    if (dice.chance(0.08)) return midnight;
    if (dice.chance(0.1)) return midnight + DAY - dice.pick([1, 2, 500, 60_000]);
    return midnight + dice.int(0, DAY - 1);
  };
  const gap = (): number =>
    dice.chance(0.2) ? 0 : dice.chance(0.5) ? dice.pick(ROUND_GAPS) : dice.int(1, 90_000);

  let sessions = 0;
  for (const person of people) {
    const target = Math.round(eventsPerUser * (0.5 + dice.int(0, 100) / 100));
    // Some people browse anonymously before signing in: the identify that follows merges their visits.
    let anonymousFirst = person.userId !== '' && dice.chance(0.3);
    let time = sessionStart();
    let firstIdentified = true;
    for (let count = 0; count < target;) {
      const session = `s-${++sessions}`;
      const userId = anonymousFirst ? '' : person.userId;
      if (userId !== '' && firstIdentified) {
        firstIdentified = false;
        emit({
          type: 'identify',
          event: '$identify',
          time,
          userId,
          anonymousId: person.anonymousId,
          account: '',
          traits: { email: `${userId}@example.com`, name: `Person ${userId}` },
        });
        if (dice.chance(0.3)) {
          emit({
            type: 'alias',
            event: '$alias',
            time,
            userId,
            anonymousId: person.anonymousId,
            account: '',
            properties: { previousId: person.anonymousId },
          });
        }
      }
      let pos = dice.chance(0.4) ? 0 : dice.int(0, eventNames.length - 1);
      const length = dice.int(3, 10);
      for (let i = 0; i < length; i++, count++) {
        if (i > 0) time += gap();
        const account =
          person.accounts.length === 0 || dice.chance(0.1)
            ? ''
            : person.accounts.length > 1 && dice.chance(0.3)
              ? nth(person.accounts, 1)
              : nth(person.accounts, 0);
        const base = { time, userId, anonymousId: person.anonymousId, account, session };
        const r = dice.next();
        if (r < 0.15) {
          emit({
            ...base,
            type: 'page',
            event: '$page',
            properties: { path: dice.pick(['/', '/pricing', '/app']) },
          });
          continue;
        }
        if (r < 0.18) {
          emit({ ...base, type: 'screen', event: '$screen', properties: { name: 'Home' } });
          continue;
        }
        // Mostly along the journey or the same again, yet often anywhere, so that any order converts some.
        if (i > 0) {
          const step = dice.next();
          pos =
            step < 0.5
              ? Math.min(pos + 1, eventNames.length - 1)
              : step < 0.65
                ? pos
                : dice.int(0, eventNames.length - 1);
        }
        const properties: Record<string, unknown> = {};
        if (!dice.chance(0.15)) properties.plan = accountPlan.get(account) ?? dice.pick(['free', 'pro']);
        if (!dice.chance(0.2)) properties.seats = dice.int(1, 4);
        if (!dice.chance(0.2)) properties.trial = dice.chance(0.5);
        if (dice.chance(0.25)) properties.feature = dice.pick(FEATURES);
        else if (dice.chance(0.03)) properties.feature = 7;
        if (dice.chance(0.5)) properties.source = dice.pick(['web', 'ios', 'web-beta']);
        emit({ ...base, type: 'track', event: nth(eventNames, pos), properties });
      }
      anonymousFirst = false;
      // The next session: often a little later the same day, so that longer windows matter.
      time = dice.chance(0.5) ? time + dice.int(10 * 60_000, 6 * 3_600_000) : sessionStart();
    }
  }

  // Links the merge rules refuse or that arrive late (docs/analytics.md, People): a second user signing in on a
  // device another user signed in on first, an alias between two known users, and anonymous visitors who
  // become a user through PostHog's $create_alias, long after their visits.
  const identified = people.filter((p) => p.userId !== '');
  if (identified.length >= 4) {
    for (const [owner, other] of [
      [nth(identified, 0), nth(identified, 1)],
      [nth(identified, 2), nth(identified, 3)],
    ] as const) {
      emit({
        type: 'identify',
        event: '$identify',
        time: start + dice.int(days - 3, days) * DAY,
        userId: other.userId,
        anonymousId: owner.anonymousId,
        account: '',
      });
    }
    emit({
      type: 'alias',
      event: '$alias',
      time: start + dice.int(0, days) * DAY,
      userId: nth(identified, 1).userId,
      anonymousId: '',
      account: '',
      properties: { previousId: nth(identified, 0).userId },
    });
  }
  for (const person of people.filter((p) => p.userId === '').slice(0, 2)) {
    emit({
      type: 'alias',
      event: '$create_alias',
      time: start + (days + 1) * DAY,
      userId: `user-${person.anonymousId}`,
      anonymousId: person.anonymousId,
      account: '',
      properties: { previousId: person.anonymousId },
    });
  }

  // Group calls with distinct times per account (traits at equal times would be ambiguous); the last
  // account has none, and one account has nothing else.
  for (const account of [...accountIds.slice(0, -1), 'acct-groups-only']) {
    const times = new Set<number>();
    const calls = dice.int(2, 4);
    while (times.size < calls) times.add(start + dice.int(-1, days) * DAY + dice.int(0, DAY - 1));
    for (const time of times) {
      const traits: Record<string, unknown> = { name: `Account ${account}` };
      if (dice.chance(0.7)) traits.plan = dice.pick(['free', 'pro', 'enterprise']);
      if (dice.chance(0.7)) traits.seats = dice.int(1, 50);
      if (dice.chance(0.5)) traits.trial = dice.chance(0.5);
      emit({
        type: 'group',
        event: '$group',
        time,
        userId: dice.pick(people).userId,
        anonymousId: '',
        account,
        traits,
      });
    }
  }

  const extra: EventRow[] = [];
  for (const row of rows) {
    // Client retries: the very same row again, sometimes twice.
    if (dice.chance(0.04)) extra.push({ ...row });
    if (dice.chance(0.005)) extra.push({ ...row }, { ...row });
    if (dice.chance(0.03)) extra.push({ ...row, project_id: otherProjectId });
  }
  return dice.shuffle([...rows, ...extra]);
}
