import { type BinderyClient } from '@bindery/sdk';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const DAYS = 60;
const CSMS: [string, ...string[]] = [
  'maya@vendor.example',
  'li@vendor.example',
  'omar@vendor.example',
  'ines@vendor.example',
];
const FIRST: [string, ...string[]] = [
  'ann',
  'bo',
  'chen',
  'dara',
  'eli',
  'fay',
  'gus',
  'hana',
  'ivo',
  'jun',
  'kai',
  'lea',
];
const WORDS: [string, ...string[]] = [
  'acme',
  'nimbus',
  'orbit',
  'pine',
  'quartz',
  'river',
  'summit',
  'tidal',
  'umber',
  'vale',
];

/** One SDK call of a demo, and the time of the event it sends (epoch ms). */
export interface TimedCall {
  at: number;
  call: (sdk: BinderyClient) => void;
}

/** A demo's calls, in time order, what they describe, and the time they lead up to. */
export interface Demo {
  calls: TimedCall[];
  accounts: number;
  users: number;
  now: number;
}

/** mulberry32: the same demo on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 60 days of a SaaS product's usage up to `now`: accounts with plans, MRR and CSMs; users who sign up and go
 * through onboarding (Signed Up → Project Created → Invite Sent → Report Shared, most stop before inviting);
 * daily use of dashboards, reports and exports; an alerts feature most people try once and drop; some
 * accounts that go quiet and some whose usage halves in the last week.
 */
export function generateDemo(now: number, { accounts = 300 }: { accounts?: number } = {}): Demo {
  // Every random draw happens here, in order, so that the same demo comes out each time.
  const rand = random(42);
  const pick = <T>(xs: readonly [T, ...T[]]): T => xs[Math.floor(rand() * xs.length)] ?? xs[0];
  const timed: TimedCall[] = [];
  const at = (day: number, hour = 9 + rand() * 9) =>
    Math.min(now - 60_000, now - day * DAY + (hour - 24) * HOUR);
  let users = 0;

  for (let a = 1; a <= accounts; a++) {
    const accountId = `acct-${String(a).padStart(3, '0')}`;
    const plan = rand() < 0.15 ? 'enterprise' : rand() < 0.6 ? 'pro' : 'free';
    const mrr =
      plan === 'enterprise'
        ? 2000 + Math.round(rand() * 6000)
        : plan === 'pro'
          ? 200 + Math.round(rand() * 700)
          : 0;
    const name = `${pick(WORDS)} ${pick(WORDS)}`.replace(/\b\w/g, (c) => c.toUpperCase());
    const domain = `${accountId}.example`;
    const signup = Math.floor(rand() * (DAYS - 5)) + 5;
    const quietFrom = rand() < 0.08 ? Math.floor(rand() * 20) + 10 : -1;
    const halves = rand() < 0.1;
    const size = 4 + Math.floor(rand() * 12);
    for (let u = 0; u < size; u++) {
      users++;
      const userId = `u-${String(users).padStart(5, '0')}`;
      const first = pick(FIRST);
      const traits = {
        email: `${first}.${users}@${domain}`,
        name: first.charAt(0).toUpperCase() + first.slice(1),
        first_name: first,
      };
      const opts = (time: number) => ({ userId, groupId: accountId, timestamp: time });
      const joined = Math.max(0, signup - Math.floor(rand() * 5));
      const t0 = at(joined);
      timed.push({
        at: t0 - 1000,
        call: (sdk) => sdk.identify(userId, traits, { timestamp: t0 - 1000 }),
      });
      if (u === 0) {
        const account = { name, plan, mrr, ...(plan === 'free' ? {} : { csm_email: pick(CSMS) }) };
        timed.push({
          at: t0 - 500,
          call: (sdk) => sdk.group(accountId, account, { userId, timestamp: t0 - 500 }),
        });
      }
      // Onboarding, with its drop-off at the invite.
      timed.push({ at: t0, call: (sdk) => sdk.track('Signed Up', { plan }, opts(t0)) });
      if (rand() < 0.85) {
        const t1 = t0 + rand() * 3 * HOUR;
        timed.push({ at: t1, call: (sdk) => sdk.track('Project Created', {}, opts(t1)) });
        if (rand() < 0.35) {
          const t2 = t1 + rand() * 20 * HOUR;
          const seats = 1 + Math.floor(rand() * 5);
          timed.push({
            at: t2,
            call: (sdk) => sdk.track('Invite Sent', { seats }, opts(t2)),
          });
          if (rand() < 0.8) {
            const t3 = t2 + rand() * 30 * HOUR;
            timed.push({ at: t3, call: (sdk) => sdk.track('Report Shared', {}, opts(t3)) });
          }
        }
      }
      const triesAlerts = rand() < 0.4;
      const keepsAlerts = rand() < 0.15;
      for (let day = joined - 1; day >= 0; day--) {
        if (quietFrom >= 0 && day < quietFrom) break;
        const active = rand() < (halves && day < 7 ? 0.2 : 0.5);
        if (!active) continue;
        const t = at(day);
        timed.push({ at: t, call: (sdk) => sdk.track('Dashboard Viewed', {}, opts(t)) });
        timed.push({ at: t + 60_000, call: (sdk) => sdk.feature('reports', 'viewed', {}, opts(t + 60_000)) });
        if (rand() < 0.3)
          timed.push({
            at: t + 120_000,
            call: (sdk) => sdk.feature('export', 'completed', { format: 'csv' }, opts(t + 120_000)),
          });
        const alertsDay = joined - day <= 3 || (keepsAlerts && day % 7 === 0);
        if (triesAlerts && alertsDay)
          timed.push({
            at: t + 180_000,
            call: (sdk) => sdk.feature('alerts', 'created', {}, opts(t + 180_000)),
          });
      }
    }
  }
  timed.sort((x, y) => x.at - y.at);
  return { calls: timed, accounts, users, now };
}
