// `npm run demo`: a demo project with 60 days of a SaaS product's usage, sent through the Bindery SDK.
import { randomBytes } from 'node:crypto';
import { generateDemo, playDemo } from '@bindery/demo';

const BASE = (process.env.BINDERY_URL ?? 'http://localhost:8080').replace(/\/$/, '');
const ADMIN = process.env.BINDERY_ADMIN_TOKEN;

const print = (line: string) => process.stdout.write(`${line}\n`);

/** A one-line progress bar, redrawn in place. */
function progress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stdout.write(
    `\r  [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')} events`,
  );
}

async function main(): Promise<void> {
  if (!ADMIN) {
    throw new Error(
      'Set BINDERY_ADMIN_TOKEN to the admin token that `npm start` printed on its first start ' +
        '(or the one you set), e.g. BINDERY_ADMIN_TOKEN=adm_… npm run demo',
    );
  }
  const res = await fetch(`${BASE}/v1/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Demo SaaS ${new Date().toISOString().slice(0, 16)}` }),
  });
  if (res.status !== 201)
    throw new Error(`Could not create the demo project at ${BASE}: ${res.status} ${await res.text()}`);
  const project = (await res.json()) as { id: string; writeKey: string; secretKey: string };
  // A person to sign in to the dashboard as: the project's owner, with a password made for this demo.
  const owner = {
    email: `demo-${project.id.slice(-12)}@bindery.example`,
    password: randomBytes(12).toString('base64url'),
  };
  const user = await fetch(`${BASE}/v1/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...owner, name: 'Demo owner', projectId: project.id, role: 'owner' }),
  });
  if (user.status !== 201)
    throw new Error(`Could not create the demo's owner: ${user.status} ${await user.text()}`);
  print(`Demo project ${project.id} created. Setting up the onboarding funnel, rules, training content and`);
  print(
    'templates, then sending 60 days of usage through the SDK, with a rules run at the end of each of the',
  );
  print('last four weeks (back-dated) and one now…');
  const demo = generateDemo(Date.now());
  const summary = await playDemo(BASE, project, demo, progress);
  print('');
  print(`  ${demo.accounts} accounts, ${demo.users} users. ${summary}`);
  print('');
  print('Where to look (secret key below; every call takes it as a Bearer token):');
  print(`  export BINDERY_KEY=${project.secretKey}`);
  print(`  Dashboard:       ${BASE}/  (sign in as ${owner.email}, password ${owner.password})`);
  print(`  API docs:        ${BASE}/docs`);
  print(
    `  Funnel:          curl -s ${BASE}/v1/projects/${project.id}/funnels -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print(
    `  At-risk accounts: curl -s "${BASE}/v1/projects/${project.id}/accounts?limit=20" -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print(
    `  CS tasks:        curl -s ${BASE}/v1/projects/${project.id}/tasks -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print(
    `  Training emails: curl -s ${BASE}/v1/projects/${project.id}/emails -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print(
    `  Rules (ids):     curl -s ${BASE}/v1/projects/${project.id}/rules -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print(
    `  A rule's effect per week: curl -s ${BASE}/v1/projects/${project.id}/rules/RULE_ID/effect/series -H "authorization: Bearer $BINDERY_KEY"`,
  );
  print('  Without SMTP_URL the emails are .eml files under DATA_DIR/outbox.');
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
