import { type DashboardE2E, OWNER_EMAIL, startDashboardE2E } from './harness';

/** The dashboard in Chromium against the standalone app: signing in, the overview, a phone's width. */
describe('dashboard: sign-in and overview', () => {
  let e2e: DashboardE2E;

  beforeAll(async () => {
    e2e = await startDashboardE2E('sign-in');
  }, 180_000);
  afterAll(() => e2e?.close());

  it('refuses a wrong password, signs in with an HttpOnly session cookie, and keeps no key in the page', async () => {
    const page = await e2e.newPage();
    await page.goto(e2e.app.url);
    await page.getByLabel('Email').fill(OWNER_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
    await e2e.shot(page, 'refused');

    await e2e.signIn(page);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'bindery_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).toBe('');
    const stored = (await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })')) as string;
    expect(stored).not.toContain(e2e.project.secretKey);
    expect(stored).not.toContain(cookie?.value ?? '-');
    await e2e.shot(page, 'overview');

    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.context().cookies()).toEqual([]);
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
