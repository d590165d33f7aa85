import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, type BrowserContext } from 'playwright-core';
import { launchChromium } from '@bindery/testing';

const NODE_MODULES = join(__dirname, '../../../../node_modules');

/**
 * The stock bundles a SaaS page would load, as shipped in the npm packages (no rebuild, no patch):
 * - analytics-next's UMD build (`window.AnalyticsNext`); its lazy chunks are never needed when the settings list
 *   no destination;
 * - posthog-js's `array.js`, what PostHog's snippet loads (`window.posthog`);
 * - RudderStack's `bundled` UMD build (`window.rudderanalytics`): the default build loads its plugins from
 *   RudderStack's CDN and sends nothing without them.
 */
export const SDK_BUNDLES = {
  segment: '@segment/analytics-next/dist/umd/index.js',
  posthog: 'posthog-js/dist/array.js',
  rudderstack: '@rudderstack/analytics-js/dist/npm/modern/bundled/umd/index.js',
} as const;
export type SdkBundle = keyof typeof SDK_BUNDLES;

/** The version of an installed SDK package, as its package.json says. */
export function sdkVersion(pkg: string): string {
  return (JSON.parse(readFileSync(join(NODE_MODULES, pkg, 'package.json'), 'utf8')) as { version: string })
    .version;
}

/**
 * A desktop Chrome user agent. posthog-js drops every event of a browser it takes for a bot, and headless
 * Chromium says `HeadlessChrome` in its user agent. Set on the browser, not the context: while a page unloads,
 * Chromium reports the browser's own user agent again, and posthog-js would drop the `$pageleave` it sends then.
 */
export const DESKTOP_CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

/** Debian's Chromium, headless, looking like a person's browser to the SDKs' bot filters. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium([
    `--user-agent=${DESKTOP_CHROME_UA}`,
    // Playwright's automation flag sets navigator.webdriver, which posthog-js also reads as "bot".
    '--disable-blink-features=AutomationControlled',
  ]);
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * The SaaS app's own web server: the HTML pages and the SDK bundles. Reached as `http://localhost:<port>` while
 * Bindery is `http://127.0.0.1:<port>`, so every SDK request is cross-origin and cross-site, as in production.
 */
export class SitePages {
  private readonly pages = new Map<string, string>();
  private readonly bundles = new Map<string, Buffer>();
  private readonly server = createServer((req, res) => this.handle(req, res));
  private port = 0;

  private constructor() {}

  /** Starts the page server. */
  static async start(): Promise<SitePages> {
    const site = new SitePages();
    site.port = await listen(site.server);
    return site;
  }

  /** The site's origin, `http://localhost:<port>`. */
  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Serves `html` at `path` and returns the page's URL. */
  page(path: string, html: string): string {
    this.pages.set(path, html);
    return `${this.url}${path}`;
  }

  /** The URL of a page with nothing on it: navigating there unloads the SDK's page. */
  get elsewhere(): string {
    return `${this.url}/elsewhere`;
  }

  /** The script tag that loads an SDK's stock bundle from this server. */
  script(sdk: SdkBundle): string {
    return `<script src="/sdk/${sdk}.js"></script>`;
  }

  close(): Promise<void> {
    return close(this.server);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const [path = '/'] = (req.url ?? '/').split('?');
    const sdk = /^\/sdk\/(\w+)\.js$/.exec(path)?.[1];
    if (sdk && Object.hasOwn(SDK_BUNDLES, sdk)) {
      const file = SDK_BUNDLES[sdk as SdkBundle];
      if (!this.bundles.has(file)) this.bundles.set(file, readFileSync(join(NODE_MODULES, file)));
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(this.bundles.get(file));
      return;
    }
    const html = path === '/elsewhere' ? '<!doctype html><title>Elsewhere</title>' : this.pages.get(path);
    if (html === undefined) {
      // The browser asks for /favicon.ico: a 404 would only add noise to the console.
      res.writeHead(path === '/favicon.ico' ? 204 : 404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  }
}

/** One request an SDK made to Bindery, as the proxy in front of Bindery saw it. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  /** `cors`, or `no-cors` for a beacon. */
  mode: string | undefined;
  /** The event ids in the body (Segment `messageId`, PostHog `uuid`), decoded as Bindery would. */
  ids: string[];
}

/**
 * A transparent proxy in front of Bindery that notes each request and its status. The browser cannot report the
 * beacons and keepalive requests a page sends while it unloads; this sees them.
 */
export class BinderyProxy {
  readonly exchanges: Exchange[] = [];
  private readonly server = createServer((req, res) => this.forward(req, res));
  private port = 0;

  private constructor(private readonly upstream: URL) {}

  /** Starts a proxy to the Bindery at `target` (an http URL). */
  static async start(target: string): Promise<BinderyProxy> {
    const proxy = new BinderyProxy(new URL(target));
    proxy.port = await listen(proxy.server);
    return proxy;
  }

  /** The proxy's origin, which the SDKs are given as Bindery's. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const { hostname, port } = this.upstream;
      // The Host header is kept: Bindery answers Segment with the host the SDK reached it at.
      const out = request(
        { host: hostname, port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          this.exchanges.push({
            method: req.method ?? '',
            path: req.url ?? '',
            status: answer.statusCode ?? 0,
            mode: req.headers['sec-fetch-mode'] as string | undefined,
            ids: eventIds(body),
          });
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  }

  /** The exchanges from index `from` on (see `exchanges.length` to take a mark). */
  since(from: number): Exchange[] {
    return this.exchanges.slice(from);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return close(this.server);
  }
}

/** The event ids in an SDK's request body: JSON, gzip (by its magic bytes) or a form with base64 `data`. */
function eventIds(body: Buffer): string[] {
  try {
    const raw = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
    let text = raw.toString('utf8');
    if (text.startsWith('data='))
      text = Buffer.from(new URLSearchParams(text).get('data') ?? '', 'base64').toString();
    const json = JSON.parse(text) as unknown;
    const items = Array.isArray(json) ? json : ((json as { batch?: unknown[] }).batch ?? [json]);
    return items
      .map((item) => {
        const e = item as { messageId?: unknown; uuid?: unknown };
        return e.messageId ?? e.uuid;
      })
      .filter((id): id is string => typeof id === 'string');
  } catch {
    return [];
  }
}

/**
 * What the browser saw of the SDK's requests: failed requests (CORS refusals, resets) and answers of 400 or
 * more from Bindery, any request to a third origin (a CDN the SDK reached for), and which are still in flight.
 */
export class RequestWatch {
  readonly problems: string[] = [];
  private inFlight = 0;

  /** Listens to every page of `context`; `bindery` and `site` are the two origins the SDK may use. */
  constructor(context: BrowserContext, bindery: string, site: string) {
    context.on('request', (req) => {
      const url = req.url();
      if (url.startsWith(bindery)) this.inFlight++;
      else if (!url.startsWith(site) && !/^(about|data|blob):/.test(url)) {
        this.problems.push(`${req.method()} ${url}: a third origin`);
      }
    });
    context.on('requestfinished', (req) => {
      if (req.url().startsWith(bindery)) this.inFlight--;
    });
    context.on('requestfailed', (req) => {
      if (!req.url().startsWith(bindery)) return;
      this.inFlight--;
      this.problems.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText ?? 'failed'}`);
    });
    context.on('response', (res) => {
      if (res.url().startsWith(bindery) && res.status() >= 400) {
        this.problems.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
      }
    });
  }

  /**
   * Resolves once no request to Bindery has been in flight for `quietMs`: a page that unloads earlier aborts
   * the answers it is still reading, which would show as failures that are not Bindery's.
   */
  async settled(quietMs = 300, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietSince = Date.now();
    while (Date.now() - quietSince < quietMs) {
      if (Date.now() > deadline) throw new Error(`${this.inFlight} requests to Bindery still in flight`);
      if (this.inFlight > 0) quietSince = Date.now();
      await sleep(25);
    }
  }
}
