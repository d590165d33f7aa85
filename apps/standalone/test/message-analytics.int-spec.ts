import { type ClickHouseClient } from '@clickhouse/client';
import { type Kysely } from 'kysely';
import { CLICKHOUSE } from '@bindery/clickhouse';
import {
  type CreatedProject,
  type EventRow,
  type MessageAnalytics,
  type OutboxEmail,
  type Rule,
  type RuleRun,
} from '@bindery/contracts';
import { type Database, DB, SuppressionRepository } from '@bindery/db';
import { bearer, eventRow, getJson, postJson, startTestApp, type TestApp, until } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;
const PAGE = 'https://help.example.com/import?from=email&lang=en';

/**
 * Message analytics end to end: training emails carry signed redirect links that count a click once per email
 * and refuse an altered token; the report per template and per rule counts what the emails did (sent,
 * suppressed, unsubscribed, clicked, converted) as the test made it happen.
 */
describe('message analytics and tracked links', () => {
  let app: TestApp;
  let project: CreatedProject;
  let rule: Rule;
  const now = Date.now();
  const users = Array.from({ length: 10 }, (_, i) => `m${i}`);

  const url = (path: string) => `${app.url}/v1/projects/${project.id}/${path}`;
  const get = <T>(path: string) => getJson<T>(url(path), project.secretKey);
  const post = <T>(path: string, body: unknown) =>
    postJson<T>(url(path), body, { authorization: bearer(project.secretKey) });
  const insert = (rows: EventRow[]) =>
    app.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });
  /** The tracked link in a user's email. */
  const linkOf = async (user: string) => {
    const row = await app.app
      .get<Kysely<Database>>(DB)
      .selectFrom('email_outbox')
      .select('html')
      .where('project_id', '=', project.id)
      .where('recipient', '=', `${user}@example.com`)
      .executeTakeFirstOrThrow();
    const href = /href="([^"]*\/v1\/click\?token=[^"]*)"/.exec(row.html)?.[1];
    if (!href) throw new Error(`no tracked link in ${row.html}`);
    return href.replace('https://bindery.example.com', app.url);
  };

  beforeAll(async () => {
    app = await startTestApp((config) => StandaloneModule.forRoot(config), {
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL: 'https://bindery.example.com',
    });
    project = await app.createProject('messages');
    for (const r of (await get<{ rules: Rule[] }>('rules')).body.rules) {
      await fetch(url(`rules/${r.id}`), {
        method: 'DELETE',
        headers: { authorization: bearer(project.secretKey) },
      });
    }
    await post('email-templates', {
      name: 'try-it',
      subject: 'Have you tried {{content.title}}?',
      html: '<p><a href="{{content.url}}">{{content.title}}</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>',
      text: '{{content.title}}: {{content.url}} Unsubscribe: {{unsubscribeUrl}}',
    });
    await post('training-content', { key: 'import', title: 'Importing', url: PAGE, summary: 's' });
    const rows: EventRow[] = [];
    for (const user of users) {
      rows.push(eventRow(project.id, now - 10 * DAY, { user_id: user, account_id: `acct-${user}` }));
      rows.push(
        eventRow(project.id, now - 10 * DAY, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: user,
          traits: JSON.stringify({ email: `${user}@example.com` }),
        }),
      );
    }
    await insert(rows);
    // m9 unsubscribed before: its email is suppressed.
    await app.app.get(SuppressionRepository).add(project.id, 'm9@example.com', 'unsubscribed');
    rule = (
      await post<Rule>('rules', {
        name: 'import',
        type: 'never_adopted',
        scope: 'user',
        params: { feature: 'import', days: 7 },
        cooldownHours: 24,
        enabled: true,
        actions: [{ kind: 'email', template: 'try-it' }],
      })
    ).body;
    const started = await post<RuleRun>('rules/run', {});
    await until(
      'the rules run',
      () => get<RuleRun>(`rules/runs/${started.body.id}`),
      (r) => r.body.status === 'done',
      60_000,
    );
    await until(
      'the emails',
      async () => (await get<{ emails: OutboxEmail[] }>('emails?limit=500')).body.emails,
      (e) => e.filter((m) => m.status === 'sent').length === 9 && e.length === 10,
    );
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('redirects a tracked link to its page, and refuses an altered token', async () => {
    const link = await linkOf('m0');
    for (let i = 0; i < 2; i++) {
      const res = await fetch(link, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(PAGE);
    }
    const token = link.slice(link.indexOf('token=') + 6);
    const [payload, signature] = token.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify([
        project.id,
        JSON.parse(Buffer.from(payload, 'base64url').toString())[1],
        'https://evil.example',
      ]),
    ).toString('base64url');
    for (const bad of [`${forged}.${signature}`, `${payload}.${signature.slice(0, -2)}xx`]) {
      const res = await fetch(`${app.url}/v1/click?token=${bad}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
  });

  it('counts what the emails did, per template and per rule', async () => {
    await fetch(await linkOf('m1'), { redirect: 'manual' });
    // m0 clicked twice (above), m1 once: two emails clicked. m0, m2 and m3 then use the feature: converted.
    await insert(
      ['m0', 'm2', 'm3'].map((user) =>
        eventRow(project.id, Date.now() + 60_000, { user_id: user, event: 'import', feature: 'import' }),
      ),
    );
    // m4 unsubscribes after its email.
    await app.app.get(SuppressionRepository).add(project.id, 'm4@example.com', 'unsubscribed');

    const report = await get<MessageAnalytics>('messages/analytics');
    expect(report.status).toBe(200);
    const stats = {
      written: 10,
      sent: 9,
      failed: 0,
      bounced: 0,
      suppressed: 1,
      unsubscribed: 1,
      clicked: 2,
      // Open tracking is off by default: no tracking image, no opens.
      opened: 0,
      converted: 3,
    };
    expect(report.body.templates).toEqual([{ template: 'try-it', ...stats }]);
    expect(report.body.rules).toEqual([{ ruleId: rule.id, name: 'import', ...stats }]);
  });
});
