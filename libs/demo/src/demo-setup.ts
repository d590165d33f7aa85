import { createHash } from 'node:crypto';
import { createClient } from '@bindery/sdk';

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
 * Turns off the project's enabled rules, so that no scheduled evaluation acts on a history still arriving
 * (everyone would look inactive); returns their ids for {@link configureDemo} to turn back on.
 */
export async function pauseRules(base: string, project: Project): Promise<string[]> {
  const { rules } = await call<{ rules: { id: string; enabled: boolean }[] }>(base, project, 'GET', 'rules');
  const enabled = rules.filter((r) => r.enabled).map((r) => r.id);
  for (const id of enabled) await call(base, project, 'PATCH', `rules/${id}`, { enabled: false });
  return enabled;
}

/**
 * The onboarding funnel, training content and templates for its stalled step and the abandoned feature,
 * two rules on top of the default pack, key features; the `paused` rules on again, then a rules run, and the
 * notifier's work waited for.
 */
export async function configureDemo(base: string, project: Project, paused: string[]): Promise<string> {
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
    ['come-back', 'We noticed you tried this, and we have made it easier since.'],
  ]) {
    await call(base, project, 'POST', 'email-templates', {
      name,
      subject: '{{content.title}}',
      html:
        `<p>Hi {{user.first_name}},</p><p>${intro}</p><p><a href="{{content.url}}">{{content.title}}</a>: ` +
        '{{content.summary}}</p><p style="font-size:12px"><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: `Hi {{user.first_name}},\n\n${intro}\n\n{{content.title}}: {{content.url}}\n{{content.summary}}\n\nUnsubscribe: {{unsubscribeUrl}}`,
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

  for (const id of paused) await call(base, project, 'PATCH', `rules/${id}`, { enabled: true });
  const run = await call<{ id: string }>(base, project, 'POST', 'rules/run', {});
  let counts: Record<string, number> = {};
  for (let i = 0; i < 600; i++) {
    const r = await call<{ status: string; counts: Record<string, number>; error: string | null }>(
      base,
      project,
      'GET',
      `rules/runs/${run.id}`,
    );
    if (r.status === 'failed') throw new Error(`the rules run failed: ${r.error}`);
    if (r.status === 'done') {
      counts = r.counts;
      break;
    }
    await sleep(500);
  }
  // The notifier works through the signals queue; wait until the outbox stops growing.
  let emails = -1;
  for (let stable = 0; stable < 3;) {
    await sleep(2_000);
    const count = await countAll(base, project, 'emails', 'emails');
    stable = count === emails ? stable + 1 : 0;
    emails = count;
  }
  const tasks = await countAll(base, project, 'tasks?status=open,in_progress,snoozed', 'tasks');
  const back = await comeBack(base, project, [stalled.id, dropped.id]);
  return (
    `The rules raised ${counts.signals ?? 0} signals (${counts.heldOut ?? 0} held out) and scored ` +
    `${counts.accountsScored ?? 0} accounts; the notifier opened ${tasks} tasks and wrote ${emails} emails ` +
    `(outbox). Since then ${back.treated} treated and ${back.heldOut} held-out people reached their rule's goal.`
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
 * The story after the run: of the people the demo's rules signalled, 40 % of those acted on and 12 % of those
 * held out reach the rule's goal (the next funnel step, or alerts again), now, after their signal. Signals are
 * dated by the run that raised them, so these goal windows are still open: the Outcomes page shows them as
 * reached so far, and the lift once the windows end. Waits until the effects count them all.
 */
async function comeBack(
  base: string,
  project: Project,
  ruleIds: string[],
): Promise<{ treated: number; heldOut: number }> {
  const sdk = createClient({ writeKey: project.writeKey, host: base, flushAt: 500 });
  const back = { treated: 0, heldOut: 0 };
  for (const ruleId of ruleIds) {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { signals: DemoSignal[]; nextCursor: string | null } = await call(
        base,
        project,
        'GET',
        `signals?ruleId=${ruleId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      for (const s of page.signals) {
        if (!s.userId || seen.has(s.userId)) continue;
        seen.add(s.userId);
        if (draw(`${ruleId}|${s.userId}`) >= (s.heldOut ? COME_BACK.heldOut : COME_BACK.treated)) continue;
        const opts = { userId: s.userId, ...(s.accountId ? { groupId: s.accountId } : {}) };
        if (typeof s.details.nextStepEvent === 'string') sdk.track(s.details.nextStepEvent, {}, opts);
        else if (typeof s.details.feature === 'string') sdk.feature(s.details.feature, 'created', {}, opts);
        else continue;
        back[s.heldOut ? 'heldOut' : 'treated']++;
      }
      cursor = page.nextCursor;
    } while (cursor);
  }
  await sdk.closeAndFlush({ timeout: 60_000 });
  const expected = back.treated + back.heldOut;
  for (let i = 0; i < 120; i++) {
    let counted = 0;
    for (const ruleId of ruleIds) {
      const e = await call<{ treated: { pendingReached: number }; heldOut: { pendingReached: number } }>(
        base,
        project,
        'GET',
        `rules/${ruleId}/effect`,
      );
      counted += e.treated.pendingReached + e.heldOut.pendingReached;
    }
    if (counted >= expected) return back;
    await sleep(500);
  }
  throw new Error(`the rules' effects count fewer than the ${expected} people who came back`);
}
