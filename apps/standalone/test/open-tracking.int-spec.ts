import { type ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type EventRow,
  type MessageAnalytics,
  type OutboxEmail,
  type Rule,
  type RuleRun,
} from '@bindery/contracts';
import {
  bearer,
  eventRow,
  getJson,
  postJson,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const PUBLIC_URL = 'https://bindery.example.com';
const PIXEL = /<img src="(https:\/\/bindery\.example\.com\/v1\/open\?token=[^"]+)"/;

/**
 * Open tracking with a real SMTP server: training emails carry the tracking image only when the project turns
 * `openTracking` on; its first load counts the email as opened (unreliable, and said so), later loads answer
 * the same uncached GIF; an altered token, or a click token, records nothing and is answered 404.
 */
describe('open tracking of training emails', () => {
  let smtp: TestSmtp;
  let app: TestApp;
  const now = Date.now();

  /** A project whose rule emails three users, with open tracking as asked; resolves once all are sent. */
  async function project(name: string, openTracking: boolean) {
    const p = await app.createProject(name);
    const url = (path: string) => `${app.url}/v1/projects/${p.id}/${path}`;
    const auth = { authorization: bearer(p.secretKey) };
    for (const r of (await getJson<{ rules: Rule[] }>(url('rules'), p.secretKey)).body.rules) {
      await fetch(url(`rules/${r.id}`), { method: 'DELETE', headers: auth });
    }
    const settings = await fetch(url('settings'), {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        healthWeights: { recency: 30, activeShare: 25, breadth: 20, trend: 15, signals: 10 },
        keyFeatures: [],
        openTracking,
      }),
    });
    expect(settings.status).toBe(200);
    await postJson(
      url('email-templates'),
      {
        name: 'try-it',
        subject: 'Have you tried {{content.title}}?',
        html: '<p><a href="{{content.url}}">{{content.title}}</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
        text: '{{content.title}}: {{content.url}} Unsubscribe: {{unsubscribeUrl}}',
      },
      auth,
    );
    await postJson(
      url('training-content'),
      { key: 'import', title: 'Importing', url: 'https://help.example.com/import', summary: 's' },
      auth,
    );
    const users = [0, 1, 2].map((i) => `${name}-${i}`);
    const rows: EventRow[] = users.flatMap((user) => [
      eventRow(p.id, now - 10 * DAY, { user_id: user, account_id: `acct-${user}` }),
      eventRow(p.id, now - 10 * DAY, {
        type: 'identify',
        event: '$identify',
        feature: '',
        user_id: user,
        traits: JSON.stringify({ email: `${user}@example.com` }),
      }),
    ]);
    await app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });
    await postJson(
      url('rules'),
      {
        name: 'import',
        type: 'never_adopted',
        scope: 'user',
        params: { feature: 'import', days: 7 },
        cooldownHours: 24,
        enabled: true,
        actions: [{ kind: 'email', template: 'try-it' }],
      },
      auth,
    );
    const run = await postJson<RuleRun>(url('rules/run'), {}, auth);
    await until(
      `the rules run of ${name}`,
      () => getJson<RuleRun>(url(`rules/runs/${run.body.id}`), p.secretKey),
      (r) => r.body.status === 'done',
      60_000,
    );
    await until(
      `the emails of ${name}`,
      async () => (await getJson<{ emails: OutboxEmail[] }>(url('emails'), p.secretKey)).body.emails,
      (emails) => emails.length === 3 && emails.every((e) => e.status === 'sent'),
      60_000,
    );
    const mails = users.map((user) => {
      const [mail] = smtp.to(`${user}@example.com`);
      if (!mail || typeof mail.html !== 'string') throw new Error(`no html email to ${user}`);
      return mail.html;
    });
    const analytics = () => getJson<MessageAnalytics>(url('messages/analytics'), p.secretKey);
    return { project: p, mails, analytics };
  }

  let on: Awaited<ReturnType<typeof project>>;
  let off: Awaited<ReturnType<typeof project>>;
  const pixelOf = (html: string) => {
    const src = PIXEL.exec(html)?.[1];
    if (!src) throw new Error(`no tracking image in ${html}`);
    return src.replace(PUBLIC_URL, app.url);
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL,
    });
    on = await project(`opens-on-${process.pid}`, true);
    off = await project(`opens-off-${process.pid}`, false);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('puts the tracking image in the emails only of the project that turned it on', () => {
    for (const html of on.mails) {
      expect(html).toMatch(PIXEL);
      // After the content, inside the body when the email has one.
      expect(html.search(PIXEL)).toBeGreaterThan(html.indexOf('Importing'));
      if (html.includes('</body>')) expect(html.search(PIXEL)).toBeLessThan(html.lastIndexOf('</body>'));
    }
    for (const html of off.mails) {
      expect(html).not.toContain('/v1/open');
      expect(html).not.toContain('<img');
    }
  });

  it('counts an open once, answers an uncached transparent GIF, and labels opens unreliable', async () => {
    const pixel = pixelOf(on.mails[0]!);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(pixel);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/gif');
      expect(res.headers.get('cache-control')).toContain('no-store');
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 6).toString('latin1')).toBe('GIF89a');
      // 1 × 1 pixels: the logical screen's width and height, little-endian.
      expect([body.readUInt16LE(6), body.readUInt16LE(8)]).toEqual([1, 1]);
    }
    const report = (await on.analytics()).body;
    expect(report.templates).toEqual([expect.objectContaining({ template: 'try-it', sent: 3, opened: 1 })]);
    expect(report.rules).toEqual([expect.objectContaining({ name: 'import', sent: 3, opened: 1 })]);
    expect(report.opens).toEqual({
      tracked: true,
      reliable: false,
      caveat: expect.stringMatching(/unreliable/),
    });

    const quiet = (await off.analytics()).body;
    expect(quiet.templates).toEqual([expect.objectContaining({ sent: 3, opened: 0 })]);
    expect(quiet.opens.tracked).toBe(false);
  });

  it('refuses an altered token and a click token with 404, recording nothing', async () => {
    const pixel = pixelOf(on.mails[1]!);
    const token = new URL(pixel).searchParams.get('token')!;
    const [payload, signature] = token.split('.') as [string, string];
    const [projectId] = JSON.parse(Buffer.from(payload, 'base64url').toString()) as string[];
    // The third user's email, under the second one's signature.
    const other = new URL(pixelOf(on.mails[2]!)).searchParams.get('token')!.split('.')[0]!;
    const [, otherOutbox] = JSON.parse(Buffer.from(other, 'base64url').toString()) as string[];
    const forged = Buffer.from(JSON.stringify([projectId, otherOutbox])).toString('base64url');
    const click = /href="https:\/\/bindery\.example\.com\/v1\/click\?token=([^"]+)"/.exec(on.mails[1]!)![1]!;
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}xx`, click]) {
      const res = await fetch(`${app.url}/v1/open?token=${encodeURIComponent(bad)}`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    const report = (await on.analytics()).body;
    expect(report.templates[0]!.opened).toBe(1);
  });
});
