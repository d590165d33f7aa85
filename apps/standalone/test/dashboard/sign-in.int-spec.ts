import { type DashboardE2E, startDashboardE2E } from './harness';

/** The dashboard in Chromium against the standalone app: signing in, the overview, a phone's width. */
describe('dashboard: sign-in and overview', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('sign-in');
  }, 180_000);
  afterAll(() => e2e?.close());

  it('refuses a write key, signs in with the secret key, and keeps the key out of the URL', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.app.url);
    await page.getByLabel('Secret key').fill(e2e.project.writeKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'not a secret key' }).waitFor();
    await e2e.shot(page, 'refused');

    await e2e.signIn(page);
    expect(page.url()).not.toContain(e2e.project.secretKey);
    expect(await page.evaluate('sessionStorage.getItem("bindery.session")')).toContain(e2e.project.id);
    await e2e.shot(page, 'overview');

    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
  });

  it('is usable at 390 px: the menu opens and leads to every page', async () => {
    const page = await e2e.newPage(390);
    await e2e.signIn(page);
    await page.getByRole('button', { name: 'Menu' }).click();
    await e2e.shot(page, 'phone-menu');
    await page.getByRole('link', { name: 'Accounts' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    expect(await page.getByRole('link', { name: 'Overview' }).isVisible()).toBe(false);
  });
});
