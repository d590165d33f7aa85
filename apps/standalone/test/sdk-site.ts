import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** A SaaS app's web server for a browser spec: its page at `/app` and the SDK's two browser bundles. */
export interface SdkSite {
  url: string;
  close(): Promise<void>;
}

/** The SDK's two browser bundles, built by the package's own build script. */
function buildBundles(): Record<string, string> {
  const outdir = mkdtempSync(join(tmpdir(), 'bindery-sdk-'));
  try {
    const build = resolve(__dirname, '../../../libs/sdk/build.mjs');
    execFileSync(process.execPath, [build, '--browser-only', '--outdir', outdir], { encoding: 'utf8' });
    const read = (file: string) => readFileSync(join(outdir, 'browser', file), 'utf8');
    return {
      '/bindery.min.js': read('bindery.min.js'),
      '/bindery-surveys.min.js': read('bindery-surveys.min.js'),
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Serves `page` at `/app` (any query) and the freshly built bundles beside it, on a loopback port. */
export async function startSdkSite(page: string): Promise<SdkSite> {
  const files: Record<string, string> = { '/app': page, ...buildBundles() };
  const site = createServer((req, res) => {
    const body = files[(req.url ?? '').split('?')[0] ?? ''];
    res.writeHead(body ? 200 : 404, {
      'content-type': req.url?.startsWith('/app') ? 'text/html' : 'text/javascript',
    });
    res.end(body ?? '');
  });
  await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}`,
    close: () => new Promise<void>((done) => site.close(() => done())),
  };
}
