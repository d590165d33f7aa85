import { type ClickHouseClient } from '@clickhouse/client';
import { getQueueToken } from '@nestjs/bullmq';
import { type Queue } from 'bullmq';
import { CLICKHOUSE } from '@bindery/clickhouse';
import { type CreatedProject, type EventRow, type FeedbackRequest } from '@bindery/contracts';
import { JobProducer, QUEUES } from '@bindery/queue';
import {
  basic,
  bearer,
  eventRow,
  startTestApp,
  startTestSmtp,
  type TestApp,
  type TestSmtp,
  until,
} from '@bindery/testing';
import { signUserId } from '@bindery/voice';
import { StandaloneModule } from '../src/app.module';

const DAY = 86_400_000;

/**
 * The feedback board end to end over HTTP: requests and votes from the SDK (signed) and the API, a vote
 * counted once, merges, statuses, the public board, and the shipped email through the outbox and a real
 * SMTP server, once per voter however often the request is shipped.
 */
describe('feedback board', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let project: CreatedProject;
  let other: CreatedProject;
  let secret: string;
  const now = Date.now();

  const api = async <T>(p: CreatedProject, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${t.url}/v1/projects/${p.id}/feedback/${path}`, {
      method,
      headers: { authorization: bearer(p.secretKey), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const sdk = async <T>(path: string, body: object) => {
    const res = await fetch(`${t.url}/v1/feedback/${path}`, {
      method: 'POST',
      headers: { authorization: basic(project.writeKey), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const signed = (userId: string) => ({ userId, signature: signUserId(secret, userId) });
  type Failure = { error: { code: string; message: string } };
  const inbox = async () =>
    (await api<{ requests: FeedbackRequest[] }>(project, 'GET', 'requests')).body.requests;
  const emailsIdle = async () => {
    const counts = await t.app
      .get<Queue>(getQueueToken(QUEUES.emails))
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0);
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp((config) => StandaloneModule.forRoot(config), {
      SMTP_URL: smtp.url,
      RULES_INTERVAL_SECONDS: '0',
      PUBLIC_URL: 'https://bindery.example.com',
    });
    project = await t.createProject('Acme <Board>');
    other = await t.createProject('feedback-other');
    const res = await fetch(`${t.url}/v1/projects/${project.id}/surveys/secret`, {
      method: 'POST',
      headers: { authorization: bearer(project.secretKey) },
    });
    secret = ((await res.json()) as { secret: string }).secret;

    const people: [user: string, account: string][] = [
      ['alice', 'acc-a'],
      ['bob', 'acc-b'],
      ['carol', 'acc-a'],
      ['dave', 'acc-b'],
    ];
    const at = now - 2 * DAY;
    const rows: EventRow[] = [];
    for (const [user, account] of people) {
      rows.push(eventRow(project.id, at, { user_id: user, account_id: account }));
      rows.push(
        eventRow(project.id, at, {
          type: 'identify',
          event: '$identify',
          feature: '',
          user_id: user,
          account_id: account,
          traits: JSON.stringify({ email: `${user}@customer.example` }),
        }),
      );
    }
    for (const [account, mrr] of [
      ['acc-a', 1000],
      ['acc-b', 250],
    ] as const) {
      rows.push(
        eventRow(project.id, at, {
          type: 'group',
          event: '$group',
          feature: '',
          user_id: '',
          account_id: account,
          traits: JSON.stringify({ mrr }),
        }),
      );
    }
    await t.app
      .get<ClickHouseClient>(CLICKHOUSE)
      .insert({ table: 'events', values: rows, format: 'JSONEachRow' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  let main: FeedbackRequest;
  let duplicate: FeedbackRequest;

  it('takes requests from the SDK only with the person’s signature, tied to their account', async () => {
    const unsigned = await sdk<Failure>('requests', { userId: 'alice', title: 'Dark mode' });
    expect(unsigned.status).toBe(401);
    const forged = await sdk<Failure>('requests', {
      userId: 'alice',
      signature: signUserId(secret, 'bob'),
      title: 'Dark mode',
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.message).toMatch(/signature does not match/);

    const created = await sdk<FeedbackRequest>('requests', {
      ...signed('alice'),
      title: '<script>alert("x")</script> Dark mode',
      body: 'Please & thank you',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      votes: 1,
      authorUserId: 'alice',
      authorAccountId: 'acc-a',
      mrr: 1000,
    });
    main = created.body;
    const listed = await sdk<{ requests: { id: string; voted: boolean }[] }>('list', signed('alice'));
    expect(listed.body.requests).toEqual([expect.objectContaining({ id: main.id, voted: true, votes: 1 })]);
    expect((await sdk('list', signed('bob'))).body).toMatchObject({ requests: [{ voted: false }] });
  });

  it('counts a person’s vote once, from the SDK or the API, and refuses the second clearly', async () => {
    expect((await sdk('votes', { ...signed('bob'), requestId: main.id })).status).toBe(201);
    const again = await sdk<Failure>('votes', { ...signed('bob'), requestId: main.id });
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'conflict',
      message: `This person has already voted for request ${main.id}: a person votes once`,
    });
    const viaApi = await api<Failure>(project, 'POST', `requests/${main.id}/votes`, { userId: 'alice' });
    expect(viaApi.status).toBe(409);
    expect((await api(other, 'GET', `requests/${main.id}`)).status).toBe(404);
    expect((await api(other, 'POST', `requests/${main.id}/votes`, { userId: 'zed' })).status).toBe(404);
    const [row] = await inbox();
    expect(row).toMatchObject({ id: main.id, votes: 2, mrr: 1250 });
  });

  it('merges a duplicate: its votes move, a person who voted for both counts once', async () => {
    const dup = await api<FeedbackRequest>(project, 'POST', 'requests', {
      title: 'Night theme',
      userId: 'carol',
      accountId: 'acc-a',
    });
    expect(dup.status).toBe(201);
    duplicate = dup.body;
    expect(
      (await api(project, 'POST', `requests/${duplicate.id}/votes`, { userId: 'bob', accountId: 'acc-b' }))
        .status,
    ).toBe(201);
    expect(
      (await api(project, 'POST', `requests/${duplicate.id}/votes`, { userId: 'dave', accountId: 'acc-b' }))
        .status,
    ).toBe(201);
    const self = await api<Failure>(project, 'POST', `requests/${main.id}/merge`, { into: main.id });
    expect(self.status).toBe(400);
    const merged = await api<FeedbackRequest>(project, 'POST', `requests/${duplicate.id}/merge`, {
      into: main.id,
    });
    expect(merged.status).toBe(200);
    // alice and bob, plus carol and dave from the duplicate (bob once); accounts acc-a and acc-b once each.
    expect(merged.body).toMatchObject({ id: main.id, votes: 4, mrr: 1250 });
    expect((await inbox()).map((r) => r.id)).toEqual([main.id]);
    const late = await api<Failure>(project, 'POST', `requests/${duplicate.id}/votes`, { userId: 'erin' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/was merged into/);
    expect((await api(project, 'POST', `requests/${duplicate.id}/merge`, { into: main.id })).status).toBe(
      409,
    );
  });

  it('shows the opt-in public board: statuses and notes, escaped, no personal data', async () => {
    expect((await fetch(`${t.url}/board/acme`)).status).toBe(404);
    expect((await api(project, 'PUT', 'board', { slug: 'Not A Slug' })).status).toBe(400);
    expect((await api(project, 'PUT', 'board', { slug: 'acme' })).status).toBe(200);
    expect((await api(other, 'PUT', 'board', { slug: 'acme' })).status).toBe(409);
    const patched = await api<FeedbackRequest>(project, 'PATCH', `requests/${main.id}`, {
      status: 'planned',
      publicNote: 'Coming in <b>Q3</b>',
    });
    expect(patched.body).toMatchObject({ status: 'planned', publicNote: 'Coming in <b>Q3</b>' });
    expect((await api(project, 'PATCH', `requests/${main.id}`, { status: 'done' })).status).toBe(400);

    const res = await fetch(`${t.url}/board/acme`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    const html = await res.text();
    expect(html).toContain('Acme &lt;Board&gt;: feedback');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dark mode');
    expect(html).toContain('Please &amp; thank you');
    expect(html).toContain('Coming in &lt;b&gt;Q3&lt;/b&gt;');
    expect(html).toContain('Planned');
    expect(html).toMatch(/>4<small>votes</);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('Night theme');
    for (const secretish of ['alice', 'bob', 'carol', 'acc-a', '@customer.example', main.id, project.id]) {
      expect(html).not.toContain(secretish);
    }
    expect(html).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    expect((await api(project, 'PUT', 'board', { slug: null })).status).toBe(200);
    expect((await fetch(`${t.url}/board/acme`)).status).toBe(404);
  });

  it('emails every voter once when the request ships, however often it is shipped', async () => {
    const shipped = await api<FeedbackRequest>(project, 'PATCH', `requests/${main.id}`, {
      status: 'shipped',
      publicNote: 'Out today',
    });
    expect(shipped.status).toBe(200);
    await until(
      'the four shipped emails',
      async () => smtp.received.length,
      (n) => n >= 4,
    );
    expect((await api(project, 'PATCH', `requests/${main.id}`, { status: 'shipped' })).status).toBe(200);
    // A retried or repeated job writes the same outbox rows: nothing more goes out.
    await t.app
      .get(JobProducer)
      .enqueue('feedback-shipped', { projectId: project.id, requestId: main.id }, { jobId: 'again' });
    await until('the emails queue to drain', emailsIdle, (idle) => idle);
    const recipients = smtp.received.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text).sort();
    expect(recipients).toEqual([
      'alice@customer.example',
      'bob@customer.example',
      'carol@customer.example',
      'dave@customer.example',
    ]);
    const [mail] = smtp.to('alice@customer.example');
    if (!mail) throw new Error('alice got no email');
    expect(mail.subject).toBe('You asked, we built it: <script>alert("x")</script> Dark mode');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.text).toContain('Out today');
    const unsubscribe = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\s+/g, '');
    expect(unsubscribe).toMatch(
      /^List-Unsubscribe:<https:\/\/bindery\.example\.com\/v1\/unsubscribe\?token=.+>$/,
    );
  });
});
