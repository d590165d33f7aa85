import type { OutboxList, PersonList, ProjectSettings } from '@bindery/contracts';
import type { ParsedMail } from 'mailparser';
import { startTestSmtp, type TestSmtp, until } from '@bindery/testing';
import { type DashboardE2E, OWNER_EMAIL, startDashboardE2E } from './harness';

const PERSON = 'e2e-mallory-7';
const PERSON_EMAIL = 'mallory.7@customer.example';
const HOSTILE_NAME = 'mallory <img src=x onerror=alert(1)> "m"';
const BRAND = {
  logoUrl: 'https://cdn.acme.example/logo.png',
  primaryColor: '#7c2d12',
  senderName: 'Acme Training',
  senderAddress: 'training@acme.example',
  postalAddress: 'Acme Analytics Inc.\n100 Main Street\nSpringfield, OR 97477',
};

/** A header's value as sent, unfolded. */
const header = (mail: ParsedMail, name: string) => {
  const line = mail.headerLines.find((h) => h.key === name)?.line ?? '';
  return line.slice(line.indexOf(':') + 1).trim();
};

/**
 * The template editor previews a draft as a real person with real training content, in the project's layout,
 * and sends it as a test to the signed-in person; the test goes through a real SMTP server, read as a mail client
 * reads it. In Chromium against the standalone app.
 */
describe('dashboard: email craft', () => {
  let e2e: DashboardE2E;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    e2e = await startDashboardE2E('email-craft', { accounts: 12, env: { SMTP_URL: smtp.url } });
    const settings = await e2e.api<ProjectSettings>('settings');
    await e2e.api('settings', { method: 'PUT', body: { ...settings, brand: BRAND } });
    // A person whose name trait is markup, as anyone with the public write key can send.
    const identify = await fetch(`${e2e.app.url}/v1/identify`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${e2e.project.writeKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ userId: PERSON, traits: { email: PERSON_EMAIL, name: HOSTILE_NAME } }),
    });
    expect(identify.status).toBe(200);
    await until(
      'the person in the people list',
      () => e2e.api<PersonList>(`people?search=${PERSON}&limit=5`),
      (list) => list.people.some((p) => p.id === PERSON),
    );
    // The demo's data and rules run first: minutes on a loaded machine.
  }, 600_000);
  afterAll(async () => {
    await e2e?.close();
    await smtp?.close();
  });

  it('previews a template as a real person with real content, sends a test to me, and the message is right', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Email templates' })
      .click();
    await page.getByRole('link', { name: 'come-back' }).click();
    await page.getByRole('heading', { name: 'Edit template “come-back”' }).waitFor();
    const html = page.getByLabel('HTML', { exact: true });
    await html.fill(`${await html.inputValue()}<p>Your name with us: {{user.name}}</p>`);

    await page.getByRole('radio', { name: 'A real person, with real content' }).check();
    await page.getByLabel('Find a person').fill(PERSON);
    const person = page.getByLabel('Person', { exact: true });
    await person.locator(`option[value="${PERSON}"]`).waitFor({ state: 'attached' });
    await person.selectOption(PERSON);
    await page.getByLabel('Training content').selectOption('alerts');

    const frame = page.getByTitle('HTML preview').contentFrame();
    await frame.getByText('We noticed you tried Alerts, and we have made it easier since.').waitFor();
    await frame.getByText('Hi Mallory,').waitFor();
    await frame.getByText('100 Main Street').waitFor();
    const headers = page.locator('.preview-headers');
    await headers.getByText('Acme Training <training@acme.example>').waitFor();
    await headers.getByText(PERSON_EMAIL).waitFor();
    await headers.getByText('Alerts that matter').waitFor();
    // The frame shows the markup as text: nothing of the trait became an element.
    await frame.getByText(`Your name with us: ${HOSTILE_NAME}`).waitFor();
    expect(await frame.locator('img[src="x"]').count()).toBe(0);
    await e2e.shot(page, 'preview-as-person');

    await page.getByRole('button', { name: 'Send test to me' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Sent “[Test] Alerts that matter” to ${OWNER_EMAIL}.` })
      .waitFor();
    await e2e.shot(page, 'test-sent');

    const [mail] = await until(
      'the test email',
      async () => smtp.to(OWNER_EMAIL).filter((m) => m.subject?.startsWith('[Test]')),
      (mails) => mails.length === 1,
    );
    if (!mail) throw new Error('the test email never arrived');
    expect(smtp.to(PERSON_EMAIL)).toHaveLength(0);
    expect(mail.from?.value).toEqual([{ name: 'Acme Training', address: 'training@acme.example' }]);
    expect(mail.subject).toBe('[Test] Alerts that matter');
    expect(header(mail, 'list-unsubscribe')).toMatch(/^<https?:\/\/[^>]+\/v1\/unsubscribe\?token=[^>]+>$/);
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'content-type')).toMatch(/^multipart\/alternative;/);
    expect(mail.text).toMatch(
      /^Hi Mallory,\n\nWe noticed you tried Alerts, and we have made it easier since\./,
    );
    expect(mail.text).toContain(
      '\n--\nAcme Analytics Inc.\n100 Main Street\nSpringfield, OR 97477\nUnsubscribe: ',
    );
    expect(mail.html).toContain('border-top:4px solid #7c2d12');
    expect(mail.html).toContain('<img src="https://cdn.acme.example/logo.png" alt="Acme Training"');
    expect(mail.html).toContain('Acme Analytics Inc.<br>100 Main Street<br>Springfield, OR 97477');
    expect(mail.html).toContain('Hi Mallory,');
    expect(mail.html).toContain(
      'Your name with us: mallory &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &quot;m&quot;',
    );
    expect(mail.html).not.toContain('<img src=x');

    // A test is no message of the project's: the outbox has nothing to the signed-in person.
    const outbox = await e2e.api<OutboxList>(`emails?recipient=${encodeURIComponent(OWNER_EMAIL)}&limit=50`);
    expect(outbox.emails.filter((e) => e.subject.startsWith('[Test]'))).toEqual([]);
  }, 180_000);
});
