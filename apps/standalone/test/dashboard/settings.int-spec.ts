import type { Locator, Page, Request } from 'playwright-core';
import type { ProjectSettings, ResolvedProjectSettings } from '@bindery/contracts';
import { type DashboardE2E, startDashboardE2E } from './harness';

const ADMIN = 'settings-admin@vendor.example';
const VIEWER = 'settings-viewer@vendor.example';
const COLOUR = '#7c2d12';
const POSTAL = 'Settings Spec Ltd\n2 Side Street\nLeeds LS1 4AP';

/**
 * The Settings page's email brand, open tracking and health weights in Chromium against the standalone app: an
 * admin's saves send only their own changes and survive a reload, the API's refusal shows beside the field it
 * names and saves nothing, and a viewer reads the values without a control to change them.
 */
describe('dashboard: settings', () => {
  let e2e: DashboardE2E;

  async function api<T>(path: string, init: { method?: string; body?: unknown } = {}) {
    const res = await fetch(`${e2e.app.url}/v1/projects/${e2e.project.id}/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${e2e.project.secretKey}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }
  const settings = async () => (await api<ResolvedProjectSettings>('settings')).body;

  beforeAll(async () => {
    e2e = await startDashboardE2E('settings', { accounts: 12 });
    // The build and the demo's data take minutes on a busy machine.
  }, 600_000);
  afterAll(() => e2e?.close());

  async function openSettings(page: Page, email: string, role: 'admin' | 'viewer') {
    await e2e.signIn(page, email, role);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Email brand' }).waitFor();
  }

  /** The texts that describe a control (its help, its error), by aria-describedby. */
  const describedBy = async (page: Page, control: Locator) => {
    const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    return Promise.all(ids.map(async (id) => (await page.locator(`[id="${id}"]`).textContent()) ?? ''));
  };

  /** The body of the next PATCH of the settings: the fields the save changes, and no other. */
  const nextPatch = (page: Page) =>
    page
      .waitForRequest((r: Request) => r.url().endsWith('/settings') && r.method() === 'PATCH')
      .then((r) => r.postDataJSON() as Partial<ProjectSettings>);

  it('saves an admin’s brand, open tracking and weight changes, each alone, and shows them after a reload', async () => {
    const before = await settings();
    // Something another admin saved after this page loaded: the page's saves keep it.
    const page = await e2e.newPage(1440);
    await openSettings(page, ADMIN, 'admin');
    await api('settings', { method: 'PUT', body: { ...before, keyFeatures: ['Report Shared'] } });

    await page.getByLabel('Brand colour', { exact: true }).fill(COLOUR);
    await page.getByLabel('Postal address').fill(POSTAL);
    const brandPatch = nextPatch(page);
    await page.getByRole('button', { name: 'Save brand' }).click();
    expect(await brandPatch).toEqual({
      brand: { ...before.brand, primaryColor: COLOUR, postalAddress: POSTAL },
    });
    await page.getByText('Saved: emails written from now on use this brand.').waitFor();

    const trackingPatch = nextPatch(page);
    await page.getByLabel('Count opens with a tracking image in training emails').click();
    expect(await trackingPatch).toEqual({ openTracking: true });
    await page.getByText('Saved: training emails written from now on carry the tracking image.').waitFor();

    await page.getByLabel('Sentiment', { exact: true }).fill('20');
    await page.getByText('The weights add up to 120').waitFor();
    const weightsPatch = nextPatch(page);
    await page.getByRole('button', { name: 'Save weights' }).click();
    expect(await weightsPatch).toEqual({ healthWeights: { ...before.healthWeights, sentiment: 20 } });
    await page.getByText('Saved: the rules worker recomputes the health history at its next run.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Email brand' }).waitFor();
    expect(await page.getByLabel('Brand colour', { exact: true }).inputValue()).toBe(COLOUR);
    expect(await page.getByLabel('Postal address').inputValue()).toBe(POSTAL);
    expect(await page.getByLabel('Count opens with a tracking image in training emails').isChecked()).toBe(
      true,
    );
    expect(await page.getByLabel('Sentiment', { exact: true }).inputValue()).toBe('20');
    await page.setViewportSize({ width: 1440, height: 900 });
    await e2e.shot(page, 'admin-1440');

    const after = await settings();
    expect(after).toEqual({
      ...before,
      keyFeatures: ['Report Shared'],
      brand: { ...before.brand, primaryColor: COLOUR, postalAddress: POSTAL },
      openTracking: true,
      healthWeights: { ...before.healthWeights, sentiment: 20 },
    });
  }, 240_000);

  it('shows the API’s refusal of a bad colour or weight beside its field, and saves nothing', async () => {
    const before = await settings();
    const refusal = async (change: Partial<ProjectSettings>) => {
      const answer = await api<{ error: { message: string } }>('settings', { method: 'PATCH', body: change });
      expect(answer.status).toBe(400);
      return answer.body.error.message;
    };
    const page = await e2e.newPage(1440);
    await openSettings(page, ADMIN, 'admin');

    const colour = page.getByLabel('Brand colour', { exact: true });
    await colour.fill('red!');
    await page.getByRole('button', { name: 'Save brand' }).click();
    await page.getByRole('alert').filter({ hasText: 'Not saved: Brand colour was refused' }).waitFor();
    const colourMessage = await refusal({ brand: { ...before.brand, primaryColor: 'red!' } });
    expect(colourMessage).toContain('primaryColor');
    expect(await describedBy(page, colour)).toContain(colourMessage);
    expect(await colour.getAttribute('aria-invalid')).toBe('true');

    const recency = page.getByLabel('Recency', { exact: true });
    await recency.fill('500');
    await page.getByRole('button', { name: 'Save weights' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Not saved: the weight of Recency was refused' })
      .waitFor();
    const weightMessage = await refusal({ healthWeights: { ...before.healthWeights, recency: 500 } });
    expect(weightMessage).toContain('healthWeights.recency');
    expect(await describedBy(page, recency)).toEqual([weightMessage]);
    await e2e.shot(page, 'refused-1440');

    expect(await settings()).toEqual(before);
  }, 240_000);

  it('shows a viewer the values with no control enabled', async () => {
    const current = await settings();
    const page = await e2e.newPage(1440);
    await openSettings(page, VIEWER, 'viewer');
    await page.getByRole('heading', { name: 'Health score weights' }).waitFor();
    const main = page.getByRole('main');
    expect(await main.locator('input, textarea, select, button').count()).toBeGreaterThan(10);
    expect(
      await main.locator('input:enabled, textarea:enabled, select:enabled, button:enabled').count(),
    ).toBe(0);
    expect(await page.getByLabel('Recency', { exact: true }).inputValue()).toBe(
      String(current.healthWeights.recency),
    );
    expect(await page.getByLabel('Brand colour', { exact: true }).inputValue()).toBe(
      current.brand.primaryColor ?? '',
    );
    await page.getByText('You can read the project’s settings; its owners and admins change them.').waitFor();
    await e2e.shot(page, 'viewer-1440');
  }, 240_000);
});
