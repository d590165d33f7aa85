import { createHash } from 'node:crypto';
import { type Demo, type TimedCall } from './demo-data';
import { sendDemo } from './demo-send';

interface Project {
  id: string;
  secretKey: string;
  writeKey: string;
}

/** Calls the project API with the demo's secret key; a failure stops the demo with the answer. */
async function call<T>(
  base: string,
  project: Project,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}/v1/projects/${project.id}/${path}`, {
    method,
    headers: { authorization: `Bearer ${project.secretKey}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The share of subjects the demo's own rules hold out. */
const HOLDOUT_PCT = 30;
/** The share of signalled people who come back after the run: more of those the rule acted on. */
const COME_BACK = { treated: 0.4, heldOut: 0.12 };
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
/** The back-dated rules runs, in weeks before the demo's end, oldest first: each week's signals. */
const BACK_WEEKS: readonly number[] = [4, 3, 2, 1];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every item of a paged list (`nextCursor`), counted page by page. */
async function countAll(base: string, project: Project, path: string, key: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: Record<string, unknown> & { nextCursor: string | null } = await call(
      base,
      project,
      'GET',
      `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    count += (page[key] as unknown[]).length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/**
 * Turns off the project's enabled rules (the default pack), so that only the demo's own rules run while the
 * history arrives (everyone would look inactive); returns their ids for {@link playDemo} to turn back on.
 */
async function pauseRules(base: string, project: Project): Promise<string[]> {
  const { rules } = await call<{ rules: { id: string; enabled: boolean }[] }>(base, project, 'GET', 'rules');
  const enabled = rules.filter((r) => r.enabled).map((r) => r.id);
  for (const id of enabled) await call(base, project, 'PATCH', `rules/${id}`, { enabled: false });
  return enabled;
}

/**
 * The onboarding funnel, training content and templates for its stalled step and the abandoned feature, key
 * features, and two rules with a hold-out on top of the default pack; returns the two rules' ids.
 */
async function setUpDemo(base: string, project: Project): Promise<string[]> {
  const funnel = await call<{ id: string }>(base, project, 'POST', 'funnels', {
    name: 'Onboarding',
    description: 'Sign up, create a project, invite the team, share a report',
    steps: ['Signed Up', 'Project Created', 'Invite Sent', 'Report Shared'].map((event) => ({ event })),
    windowSeconds: 7 * 86_400,
    order: 'ordered',
    aggregateBy: 'user',
  });
  await call(base, project, 'PUT', 'settings', {
    healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
    keyFeatures: ['reports', 'export', 'alerts'],
    // What counts as a feature, under the names the product uses; lifecycle events such as Signed Up are not.
    features: [
      { key: 'reports', name: 'Reports' },
      { key: 'export', name: 'Export' },
      { key: 'alerts', name: 'Alerts' },
      { key: 'Dashboard Viewed', name: 'Dashboard' },
      { key: 'Project Created', name: 'Projects' },
      { key: 'Report Shared', name: 'Report sharing' },
    ],
    // The accounts' csm_email traits name the vendor's CSMs: only its domain may receive their tasks.
    csmDomains: ['vendor.example'],
    // Training emails come from the product, in its colours, with the postal address the law asks for.
    brand: {
      primaryColor: '#0f766e',
      senderName: 'Acme Analytics',
      postalAddress: 'Acme Analytics Inc.\n100 Main Street\nSpringfield, OR 97477',
    },
  });
  await call(base, project, 'POST', 'training-content', {
    key: `funnel:${funnel.id}:step:3`,
    title: 'Invite your team',
    url: 'https://help.example.com/invite',
    summary: 'Projects with two or more people get three times the value: invite them in a minute.',
  });
  await call(base, project, 'POST', 'training-content', {
    key: 'alerts',
    title: 'Alerts that matter',
    url: 'https://help.example.com/alerts',
    summary: 'Three alert recipes our best customers use every week.',
  });
  for (const [name, intro] of [
    ['next-step', 'You are one step away from getting the most out of your project.'],
    ['come-back', 'We noticed you tried {{featureName}}, and we have made it easier since.'],
  ]) {
    // The layout adds the logo, the postal address and the unsubscribe link around each template.
    await call(base, project, 'POST', 'email-templates', {
      name,
      subject: '{{content.title}}',
      html:
        `<p>Hi {{firstName user "there"}},</p><p>${intro}</p><p><a href="{{content.url}}">{{content.title}}</a>: ` +
        '{{content.summary}}</p>',
      text: `Hi {{firstName user "there"}},\n\n${intro}\n\n{{content.title}}: {{content.url}}\n{{content.summary}}`,
    });
  }
  const stalled = await call<{ id: string }>(base, project, 'POST', 'rules', {
    name: 'Stalled before inviting the team',
    type: 'funnel_stall',
    scope: 'user',
    params: { funnelId: funnel.id, stallHours: 48, lookbackDays: 14 },
    cooldownHours: 24 * 7,
    enabled: true,
    holdoutPct: HOLDOUT_PCT,
    goal: { event: '$next_step', goalDays: 7 },
    actions: [
      { kind: 'email', template: 'next-step' },
      { kind: 'task', severity: 'low' },
    ],
  });
  const dropped = await call<{ id: string }>(base, project, 'POST', 'rules', {
    name: 'Tried alerts, then dropped them',
    type: 'feature_abandonment',
    scope: 'user',
    params: { feature: 'alerts', minUses: 2, idleDays: 10, lookbackDays: 45 },
    cooldownHours: 24 * 30,
    enabled: true,
    holdoutPct: HOLDOUT_PCT,
    goal: { event: '$feature', goalDays: 14 },
    actions: [{ kind: 'email', template: 'come-back' }],
  });

  return [stalled.id, dropped.id];
}

/** Runs the project's enabled rules, now or as of a past time, and waits for the run; returns its counts. */
async function runRules(base: string, project: Project, asOf?: number): Promise<Record<string, number>> {
  const query = asOf === undefined ? '' : `?asOf=${new Date(asOf).toISOString()}`;
  const run = await call<{ id: string }>(base, project, 'POST', `rules/run${query}`, {});
  for (let i = 0; i < 600; i++) {
    const r = await call<{ status: string; counts: Record<string, number>; error: string | null }>(
      base,
      project,
      'GET',
      `rules/runs/${run.id}`,
    );
    if (r.status === 'failed') throw new Error(`the rules run failed: ${r.error}`);
    if (r.status === 'done') return r.counts;
    await sleep(500);
  }
  throw new Error('the rules run did not finish in 5 minutes');
}

/** Waits until the notifier's outbox stops growing; returns how many emails it holds. */
async function outboxSettled(base: string, project: Project): Promise<number> {
  let emails = -1;
  for (let stable = 0; stable < 3;) {
    await sleep(2_000);
    const count = await countAll(base, project, 'emails', 'emails');
    stable = count === emails ? stable + 1 : 0;
    emails = count;
  }
  return emails;
}

/** Tells a progress bar how many of how many calls were sent, across the demo's phases. */
export type DemoProgress = (done: number, total: number) => void;

/**
 * Plays a demo into a project as its history happened: the setup first, then the usage week by week, with a
 * rules run back-dated to the end of each of the last four weeks (`asOf`, reading only the events up to then)
 * and one now. After each run, some of the people its hold-out rules signalled come back within the goal
 * window: more of those acted on than of those held out. So the older signals' goal windows have ended by now,
 * and the Outcomes page shows measured lifts per week, with the latest weeks still open. The default rules
 * (no hold-out) run only now, on the whole history. `weeksBack` chooses the back-dated runs (weeks before the
 * demo's end, oldest first); none plays the history at once and raises every signal now. Returns a summary.
 *
 * A scheduled run (RULES_INTERVAL_SECONDS, hourly by default) that fell within the few minutes this takes would
 * judge the two rules on a history still arriving, dated now; with the default interval that is unlikely, and
 * RULES_INTERVAL_SECONDS=0 rules it out.
 */
export async function playDemo(
  base: string,
  project: Project,
  demo: Demo,
  progress: DemoProgress = () => undefined,
  { weeksBack = BACK_WEEKS }: { weeksBack?: readonly number[] } = {},
): Promise<string> {
  const paused = await pauseRules(base, project);
  const ruleIds = await setUpDemo(base, project);
  let queue = [...demo.calls];
  let sent = 0;
  let total = queue.length;
  const sendBefore = async (until: number) => {
    const due = queue.filter((c) => c.at < until);
    queue = queue.filter((c) => c.at >= until);
    const before = sent;
    sent += await sendDemo(base, project.writeKey, due, (done) => progress(before + done, total));
  };
  const seen = new Map(ruleIds.map((id) => [id, new Set<string>()]));
  const back = { treated: 0, heldOut: 0 };
  const counts = { runs: 0, signals: 0, heldOut: 0 };
  const count = (c: Record<string, number>) => {
    counts.runs++;
    counts.signals += c.signals ?? 0;
    counts.heldOut += c.heldOut ?? 0;
  };

  let since = demo.now - ((weeksBack[0] ?? 0) + 1) * WEEK;
  for (const weeks of weeksBack) {
    const asOf = demo.now - weeks * WEEK;
    await sendBefore(asOf);
    count(await runRules(base, project, asOf));
    await outboxSettled(base, project);
    const returns = await comeBack(base, project, seen, since, back, asOf);
    since = asOf;
    total += returns.length;
    queue = [...queue, ...returns].sort((x, y) => x.at - y.at);
  }
  await sendBefore(Infinity);
  for (const id of paused) await call(base, project, 'PATCH', `rules/${id}`, { enabled: true });
  const last = await runRules(base, project);
  count(last);
  const emails = await outboxSettled(base, project);
  const from = since - weeksBack.length * WEEK;
  const before = await reachedCount(base, project, ruleIds, from);
  const returns = await comeBack(base, project, seen, since, back);
  total += returns.length;
  queue = returns;
  await sendBefore(Infinity);
  const tasks = await countAll(base, project, 'tasks?status=open,in_progress,snoozed', 'tasks');
  // The run of now is the latest: nobody it signalled had reached the goal before these came back.
  await effectsCount(base, project, ruleIds, before + returns.length, from);
  return (
    `${counts.runs} rules runs (${weeksBack.length} back-dated a week apart, then now) raised ` +
    `${counts.signals} signals (${counts.heldOut} held out); the last scored ${last.accountsScored ?? 0} ` +
    `accounts. The notifier opened ${tasks} tasks and wrote ${emails} emails (outbox). After their signals ` +
    `${back.treated} treated and ${back.heldOut} held-out people reached their rule's goal.`
  );
}

/** A stable draw in [0, 1) from a string (its SHA-256): the same people come back on every demo. */
function draw(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 4294967296;
}

interface DemoSignal {
  userId: string | null;
  accountId: string | null;
  heldOut: boolean;
  details: Record<string, unknown>;
}

/**
 * The story after a run: of the people the demo's rules signalled since `since` for the first time (each rule's
 * `seen`), 40 % of those acted on and 12 % of those held out reach the rule's goal (the next funnel step, or
 * alerts again) within a week of `asOf`, the run's time; now, for a run of now. Returns those calls, dated, and
 * adds them up in `back`.
 */
async function comeBack(
  base: string,
  project: Project,
  seen: Map<string, Set<string>>,
  since: number,
  back: { treated: number; heldOut: number },
  asOf?: number,
): Promise<TimedCall[]> {
  const calls: TimedCall[] = [];
  for (const [ruleId, people] of seen) {
    let cursor: string | null = null;
    do {
      const page: { signals: DemoSignal[]; nextCursor: string | null } = await call(
        base,
        project,
        'GET',
        `signals?ruleId=${ruleId}&since=${new Date(since + 1).toISOString()}&limit=500` +
          (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''),
      );
      for (const s of page.signals) {
        if (!s.userId || people.has(s.userId)) continue;
        people.add(s.userId);
        if (draw(`${ruleId}|${s.userId}`) >= (s.heldOut ? COME_BACK.heldOut : COME_BACK.treated)) continue;
        // Within a week of the signal: inside both goal windows, and before the next run.
        const at =
          asOf === undefined ? Date.now() : asOf + HOUR + draw(`${ruleId}|${s.userId}|when`) * 5 * 24 * HOUR;
        const opts = { userId: s.userId, timestamp: at, ...(s.accountId ? { groupId: s.accountId } : {}) };
        const { nextStepEvent, feature } = s.details;
        if (typeof nextStepEvent === 'string') {
          calls.push({ at, call: (sdk) => sdk.track(nextStepEvent, {}, opts) });
        } else if (typeof feature === 'string') {
          calls.push({ at, call: (sdk) => sdk.feature(feature, 'created', {}, opts) });
        } else continue;
        back[s.heldOut ? 'heldOut' : 'treated']++;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  return calls;
}

/** How many subjects of the rules' signals since `from` reached the goal, their windows ended or not. */
async function reachedCount(
  base: string,
  project: Project,
  ruleIds: string[],
  from: number,
): Promise<number> {
  let counted = 0;
  for (const ruleId of ruleIds) {
    const e = await call<Record<'treated' | 'heldOut', { reached: number; pendingReached: number }>>(
      base,
      project,
      'GET',
      `rules/${ruleId}/effect?from=${new Date(from).toISOString()}`,
    );
    counted += e.treated.reached + e.treated.pendingReached + e.heldOut.reached + e.heldOut.pendingReached;
  }
  return counted;
}

/** Waits until the rules' effects since `from` count at least `expected` subjects that reached the goal. */
async function effectsCount(
  base: string,
  project: Project,
  ruleIds: string[],
  expected: number,
  from: number,
): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if ((await reachedCount(base, project, ruleIds, from)) >= expected) return;
    await sleep(500);
  }
  throw new Error(`the rules' effects count fewer than the ${expected} people who reached the goal`);
}
