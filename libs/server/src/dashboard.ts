import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';

/** Paths of the APIs and of the assets: an unknown one is the JSON 404, never the dashboard's page. */
const API_PATH = /^\/(v1|docs|healthz|readyz|metrics|batch|capture|e|i|assets)(\/|\?|$)/;

/** The page itself must never be cached (it names the current assets); the hashed assets may be, for good. */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>Bindery</title>' +
  '<p>The dashboard is not built. Run <code>npm run build</code> (or <code>npm start</code>), ' +
  'or set <code>DASHBOARD_DIR</code> to a built dashboard.</p><p>The API is at <a href="/docs">/docs</a>.</p>';

/** Where the built dashboard is by default: dist/apps/dashboard, beside the compiled libs. */
export const DEFAULT_DASHBOARD_DIR = resolve(__dirname, '../../../apps/dashboard');

/**
 * Serves the dashboard, a single-page app, at `/`: its files as they are, and its page for every other path
 * that is not an API's (the app routes on the client).
 */
export async function serveDashboard(
  app: NestFastifyApplication,
  dir = DEFAULT_DASHBOARD_DIR,
): Promise<void> {
  const built = existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'));
  const page = built ? readFileSync(join(dir, 'index.html')) : NOT_BUILT;
  const fastify = app.getHttpAdapter().getInstance();
  if (built) {
    // @fastify/static is typed against the root fastify, Nest's adapter against its own copy: the same API.
    await app.register(
      fastifyStatic as unknown as Parameters<typeof app.register>[0],
      {
        root: join(dir, 'assets'),
        prefix: '/assets/',
        wildcard: false,
        immutable: true,
        maxAge: '365d',
      } as never,
    );
  }
  fastify.get('/*', (req, reply) => {
    if (API_PATH.test(req.url)) return reply.callNotFound();
    reply.headers(PAGE_HEADERS).type('text/html; charset=utf-8');
    return reply.send(page);
  });
}
