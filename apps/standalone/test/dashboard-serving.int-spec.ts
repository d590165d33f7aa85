import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '@bindery/testing';
import { StandaloneModule } from '../src/app.module';

/** How the app serves a built dashboard: its page for the app's routes, its assets, and the APIs untouched. */
describe('serving the dashboard', () => {
  let app: TestApp;
  let unbuilt: TestApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bindery-dash-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Bindery</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    app = await startTestApp((config) => StandaloneModule.forRoot(config), { DASHBOARD_DIR: dir });
    unbuilt = await startTestApp((config) => StandaloneModule.forRoot(config), {
      DASHBOARD_DIR: join(dir, 'nowhere'),
    });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await unbuilt?.close();
  });

  it('answers the page for its routes, never cached, with a content security policy', async () => {
    for (const path of ['/', '/accounts/acme', '/funnels?x=1']) {
      const res = await fetch(app.url + path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for good, and a missing asset or API path is the JSON 404', async () => {
    const asset = await fetch(`${app.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/assets/missing.js', '/v1/nope', '/v1/projects/x/nope']) {
      const res = await fetch(app.url + path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const res = await fetch(`${unbuilt.url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('npm run build');
  });
});
