import { randomBytes } from 'node:crypto';
import { type CreatedProject } from '@bindery/contracts';
import { SuppressionRepository } from '@bindery/db';
import { unsubscribeToken } from '@bindery/outreach';
import { startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

const SECRET = randomBytes(32).toString('hex');

/**
 * An email's unsubscribe link as mail systems use it: scanners fetch it (nothing happens), mailbox providers
 * post RFC 8058 one-click in either form encoding, a person confirms on the page. (The links in real emails,
 * through a real SMTP server, are followed in notifier.int-spec.ts.)
 */
describe('unsubscribe links', () => {
  let t: TestApp;
  let project: CreatedProject;

  beforeAll(async () => {
    t = await startTestApp((config) => StandaloneModule.forRoot(config), { SIGNING_SECRET: SECRET });
    project = await t.createProject('unsubscribe');
  });
  afterAll(() => t.close());

  const link = (email: string) =>
    `${t.url}/v1/unsubscribe?token=${encodeURIComponent(unsubscribeToken({ projectId: project.id, email }, SECRET))}`;
  const unsubscribed = async () =>
    (await t.app.get(SuppressionRepository).list(project.id)).map((s) => [s.email, s.reason]);

  it('shows a page that asks on GET, escaped, and unsubscribes nobody', async () => {
    const res = await fetch(link('<b>scan</b>@example.com'));
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('&lt;b&gt;scan&lt;/b&gt;@example.com');
    expect(html).toContain('<form method="post" action="">');
    expect(await unsubscribed()).toEqual([]);
  });

  it('unsubscribes on the RFC 8058 POST, urlencoded, multipart, or with no body', async () => {
    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const urlencoded = await fetch(link('url@example.com'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    const multipart = await fetch(link('multi@example.com'), { method: 'POST', body: form });
    const empty = await fetch(link('empty@example.com'), { method: 'POST' });

    for (const res of [urlencoded, multipart, empty]) {
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ unsubscribed: true });
    }
    expect(await unsubscribed()).toEqual([
      ['empty@example.com', 'unsubscribed'],
      ['multi@example.com', 'unsubscribed'],
      ['url@example.com', 'unsubscribed'],
    ]);
  });

  it("answers the page's button with a page", async () => {
    const res = await fetch(link('button@example.com'), {
      method: 'POST',
      headers: { accept: 'text/html,*/*', 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });

    expect(res.status).toBe(200);
    expect(await res.text()).toContain('button@example.com will get no more of these emails.');
  });

  it('refuses a link it did not sign, on GET and POST', async () => {
    const forged = `${t.url}/v1/unsubscribe?token=${unsubscribeToken({ projectId: project.id, email: 'x@example.com' }, 'k'.repeat(40))}`;

    for (const method of ['GET', 'POST']) {
      const res = await fetch(forged, { method });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
    }
  });
});
