import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { type CreatedProject, type MemberRole } from '@bindery/contracts';
import { generateDemo, playDemo } from '@bindery/demo';
import { createTestUser, launchChromium, startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../../src/app.module';

const ROOT = join(__dirname, '../../../..');
/** The project's owner, made with the admin token as an operator makes the first user. */
export const OWNER_EMAIL = 'owner@vendor.example';
/** The password of every user the harness makes. */
export const PASSWORD = 'e2e password 1';

/** The standalone app serving a fresh build of the dashboard, a seeded demo project, and Chromium. */
export interface DashboardE2E {
  app: TestApp;
  project: CreatedProject;
  /** A new page at `width` × 800 (1280 by default; 390 is a phone). */
  newPage(width?: number): Promise<Page>;
  /**
   * Opens the dashboard signed out and signs in as `email` (the owner by default; another address is made a
   * member with `role` first, csm by default); lands on the overview.
   */
  signIn(page: Page, email?: string, role?: MemberRole): Promise<void>;
  /** Fills the sign-in form on the page as it is (a deep link's) and submits it, as the owner. */
  fillSignIn(page: Page, email?: string): Promise<void>;
  /** Saves a full-page screenshot as `<suite>-<name>.png` in the run's screenshot folder; returns its path. */
  shot(page: Page, name: string): Promise<string>;
  /**
   * Calls the project's API (`/v1/projects/<id>/<path>`) with its secret key, as a script beside the browser
   * would; answers the JSON body, and throws with the status and body unless the call answered `status` (200
   * unless given).
   */
  api<T>(path: string, init?: { method?: string; body?: unknown; status?: number }): Promise<T>;
  close(): Promise<void>;
}

/**
 * Builds the dashboard with Vite into a folder of its own (a second of work), as `npm run build` does: in
 * production mode, whatever NODE_ENV jest set (with `test`, Vite bundles React's development build, whose
 * strict mode mounts each page twice and so sends each of its requests twice, the first one aborted).
 */
function buildDashboard(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'bindery-dashboard-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps/dashboard/vite.config.mjs'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  return outDir;
}

/**
 * Starts everything a dashboard test needs: the app with the demo's data (`accounts` accounts, 60 days,
 * sent through the SDK; the demo's rules run and the notifier's tasks and emails done) and a browser; `env`
 * adds to the app's environment (SMTP_URL for a suite that reads the emails sent); `backDated` plays the demo
 * with its weekly back-dated rules runs (the Outcomes page's weeks), which the other suites do without.
 */
export async function startDashboardE2E(
  suite: string,
  {
    accounts = 40,
    env = {},
    backDated = false,
  }: { accounts?: number; env?: Record<string, string>; backDated?: boolean } = {},
): Promise<DashboardE2E> {
  const app = await startTestApp((config) => StandaloneModule.forRoot(config), {
    ...env,
    DASHBOARD_DIR: buildDashboard(),
    RULES_INTERVAL_SECONDS: '0',
    // The specs read reports through the API while their page loads its own: more than a person's tab at once.
    REPORT_MAX_CONCURRENT_PER_PROJECT: '16',
  });
  const project = await app.createProject(`E2E ${suite}`);
  await createTestUser(app, project.id, { email: OWNER_EMAIL, password: PASSWORD });
  const members = new Set([OWNER_EMAIL]);
  const fillSignIn = async (page: Page, email = OWNER_EMAIL) => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  await playDemo(app.url, project, generateDemo(Date.now(), { accounts }), undefined, {
    weeksBack: backDated ? undefined : [],
  });

  const shots = process.env.BINDERY_SCREENSHOTS ?? join(tmpdir(), 'bindery-screenshots');
  mkdirSync(shots, { recursive: true });
  const browser: Browser = await launchChromium();

  return {
    app,
    project,
    async newPage(width = 1280) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      // The suites of a jest worker share its store, and their people may belong to several suites' projects:
      // each page opens this suite's project, as a tab that had it open would.
      await context.addInitScript({
        content: `if (!sessionStorage.getItem('bindery.project')) sessionStorage.setItem('bindery.project', ${JSON.stringify(project.id)});`,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      return page;
    },
    async signIn(page, email = OWNER_EMAIL, role = 'csm') {
      if (!members.has(email)) {
        await createTestUser(app, project.id, { email, password: PASSWORD, role });
        members.add(email);
      }
      await page.context().clearCookies();
      await page.goto(app.url);
      await fillSignIn(page, email);
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
    },
    fillSignIn,
    async shot(page, name) {
      const path = join(shots, `${suite}-${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async api<T>(path: string, init: { method?: string; body?: unknown; status?: number } = {}) {
      const method = init.method ?? 'GET';
      const status = init.status ?? 200;
      const res = await fetch(`${app.url}/v1/projects/${project.id}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${project.secretKey}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      if (res.status !== status) {
        throw new Error(`${method} ${path}: ${res.status}, not ${status}: ${await res.text()}`);
      }
      return (await res.json()) as T;
    },
    async close() {
      await browser.close();
      await app.close();
    },
  };
}
