import type { EmailTemplateList, RuleList } from '@bindery/contracts';
import type { Page } from 'playwright-core';
import { type DashboardE2E, startDashboardE2E } from './harness';

const RULE_SWITCH = 'Enabled: Users going quiet';
const SUBJECT = 'Your next step, {{user.first_name}}';
const HTML =
  '<p>Hi {{user.name}},</p><p>One step left: <a href="{{content.url}}">{{content.title}}</a>.</p>' +
  '<p style="font-size:12px"><a href="{{unsubscribeUrl}}">Unsubscribe</a></p>';

/**
 * Scrolls the preview into view and gives its document up to 5 s to be laid out at the frame's width, and
 * then a moment to be painted, for the screenshot: Chromium renders a sandboxed frame in a process of its own,
 * and paints it only once on screen. The test does not fail on it; what the frame shows is checked by text.
 */
async function showPreview(page: Page): Promise<void> {
  const frame = page.getByTitle('HTML preview');
  await frame.scrollIntoViewIfNeeded();
  const width = (await frame.evaluate('(frame) => frame.clientWidth')) as number;
  for (let i = 0; i < 50; i++) {
    const inner = (await frame.contentFrame().locator('body').evaluate('() => window.innerWidth')) as number;
    if (inner === width) break;
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(300);
}

/** The rules, training content and email templates editors in Chromium against the standalone app. */
describe('dashboard: email templates, rules and training content', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('templates');
  }, 180_000);
  afterAll(() => e2e?.close());

  const openPage = async (page: Page, label: string) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
  };

  it('edits a template beside its preview, refuses an unknown variable, and saves', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Email templates');
    await page.getByRole('link', { name: 'next-step' }).waitFor();
    await e2e.shot(page, 'templates-list');

    await page.getByRole('link', { name: 'next-step' }).click();
    await page.getByRole('heading', { name: 'Edit template “next-step”' }).waitFor();
    const preview = page.getByTitle('HTML preview').contentFrame();
    await preview.getByText('Hi Ann,').waitFor();

    await page.getByLabel('Subject', { exact: true }).fill(SUBJECT);
    await page.getByLabel('HTML', { exact: true }).fill(HTML);
    await page.getByLabel('Name of the sample user', { exact: true }).fill('Grace Hopper');
    await page.getByLabel('First name of the sample user').fill('Grace');
    await preview.getByText('Hi Grace Hopper,').waitFor();
    await page.getByText('Your next step, Grace', { exact: true }).waitFor();
    await showPreview(page);
    await e2e.shot(page, 'template-preview');

    await page.getByLabel('HTML', { exact: true }).fill(HTML.replace('{{user.name}}', '{{user.nickname}}'));
    await page
      .getByRole('alert')
      .filter({ hasText: 'does not render' })
      .filter({ hasText: 'nickname' })
      .waitFor();
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.locator('form').getByRole('alert').filter({ hasText: 'nickname' }).waitFor();
    await e2e.shot(page, 'template-error');

    await page.getByLabel('HTML', { exact: true }).fill(HTML);
    await preview.getByText('Hi Grace Hopper,').waitFor();
    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “next-step”.' }).waitFor();
    await e2e.shot(page, 'template-saved');

    const { templates } = await e2e.api<EmailTemplateList>('email-templates');
    expect(templates.find((t) => t.name === 'next-step')).toMatchObject({ subject: SUBJECT, html: HTML });
  });

  it('switches a rule off and on, and runs the rules now', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Rules');
    const toggle = page.getByRole('switch', { name: RULE_SWITCH });
    expect(await toggle.isChecked()).toBe(true);
    await e2e.shot(page, 'rules');

    await toggle.click();
    await page.getByRole('switch', { name: RULE_SWITCH, checked: false, disabled: false }).waitFor();
    expect(
      (await e2e.api<RuleList>('rules')).rules.find((r) => r.name === 'Users going quiet')?.enabled,
    ).toBe(false);
    await toggle.click();
    await page.getByRole('switch', { name: RULE_SWITCH, checked: true, disabled: false }).waitFor();
    expect(
      (await e2e.api<RuleList>('rules')).rules.find((r) => r.name === 'Users going quiet')?.enabled,
    ).toBe(true);

    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('heading', { name: 'Run finished' }).waitFor({ timeout: 60_000 });
    await page.getByText(/new signals? from \d+ rules?; \d+ accounts scored/).waitFor();
    await e2e.shot(page, 'rules-run');

    await page.getByRole('table').getByRole('link', { name: 'Stalled before inviting the team' }).click();
    await page.getByRole('heading', { name: 'Edit rule “Stalled before inviting the team”' }).waitFor();
    expect(await page.getByLabel('Funnel', { exact: true }).inputValue()).not.toBe('');
    await e2e.shot(page, 'rule-editor');
  });

  it('creates training content for a feature', async () => {
    const page = await e2e.newPage();
    await e2e.signIn(page);
    await openPage(page, 'Training content');
    await page.getByRole('button', { name: 'New content' }).click();
    await page.getByLabel('Feature', { exact: true }).fill('export');
    await page.getByLabel('Title', { exact: true }).fill('Export in one click');
    await page.getByLabel('URL', { exact: true }).fill('https://help.example.com/export');
    await page.getByLabel('Summary', { exact: true }).fill('Send any report to a spreadsheet or a PDF.');
    await e2e.shot(page, 'content-editor');
    await page.getByRole('button', { name: 'Create content' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Export in one click”.' }).waitFor();
    await page.getByRole('link', { name: 'Export in one click' }).waitFor();
    await page.getByRole('button', { name: 'Delete Export in one click' }).click();
    await page.getByRole('group', { name: 'Confirm deleting Export in one click' }).waitFor();
    await e2e.shot(page, 'content-list');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('is usable at 390 px', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Email templates' }).click();
    await page.getByRole('link', { name: 'next-step' }).click();
    await page.getByTitle('HTML preview').contentFrame().getByText('One step left').waitFor();
    await showPreview(page);
    await e2e.shot(page, 'phone-template');

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Rules' }).click();
    await page.getByRole('switch', { name: RULE_SWITCH }).waitFor();
    await e2e.shot(page, 'phone-rules');
  });
});
