import { type BinderyOptions, type Identity, type Json, type Platform } from '../core/types';
import { uuidv7 } from '../core/uuid-v7';
import { type BrowserGlobals } from './globals';
import { persistedQueue, readJson, safeStorage } from './storage';

const IDENTITY_KEY = 'bindery.identity';
const SESSION_KEY = 'bindery.session';
const OPT_OUT_KEY = 'bindery.optedOut';

function timeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function localStorageOf(g: BrowserGlobals) {
  try {
    return g.localStorage; // reading it throws where the user blocked site data
  } catch {
    return undefined;
  }
}

/**
 * The browser adapter: fetch with keepalive (`text/plain` and the write key in the body, so no CORS preflight
 * and no cookie), sendBeacon for what a leaving page cannot fit in its request, the queue, anonymous id,
 * session and consent in localStorage, and the page's lifecycle events.
 */
export function browserPlatform(
  options: BinderyOptions,
  g: BrowserGlobals = globalThis as unknown as BrowserGlobals,
): Platform {
  const persist = options.persist !== false;
  const storage = safeStorage(persist ? localStorageOf(g) : undefined);
  const sessionTimeout = options.sessionTimeout ?? 30 * 60_000;
  const identity = {
    get(): Identity {
      const stored = readJson<Identity>(storage, IDENTITY_KEY);
      if (stored?.anonymousId) return stored as Identity;
      const fresh = { ...stored, anonymousId: uuidv7() };
      storage.set(IDENTITY_KEY, JSON.stringify(fresh));
      return fresh;
    },
    set: (value: Identity) => storage.set(IDENTITY_KEY, JSON.stringify(value)),
  };
  const page = (): Json => {
    const l = g.location;
    const d = g.document;
    return l
      ? { url: l.href, path: l.pathname, search: l.search, title: d?.title, referrer: d?.referrer }
      : {};
  };
  return {
    defaults: { flushInterval: 5_000, maxBatchBytes: 60_000, maxQueueSize: 1_000 },
    async send(url, body, { signal, keepalive }) {
      const res = await g.fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'text/plain' },
        keepalive,
        credentials: 'omit',
        signal,
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
    },
    beacon(url, body) {
      try {
        return g.navigator?.sendBeacon?.(url, new g.Blob!([body], { type: 'text/plain' })) === true;
      } catch {
        return false;
      }
    },
    offline: () => g.navigator?.onLine === false,
    context() {
      const n = g.navigator;
      const s = g.screen;
      return {
        page: page(),
        userAgent: n?.userAgent,
        locale: n?.language,
        timezone: timeZone(),
        screen: s && { width: s.width, height: s.height, density: g.devicePixelRatio },
      };
    },
    pageProperties: page,
    identity,
    session(now, reset) {
      const stored = readJson<{ id: string; t: number }>(storage, SESSION_KEY);
      const id = !reset && stored?.id && now - (stored.t ?? 0) < sessionTimeout ? stored.id : uuidv7(now);
      storage.set(SESSION_KEY, JSON.stringify({ id, t: now }));
      return id;
    },
    consent: {
      get: () => {
        const stored = storage.get(OPT_OUT_KEY);
        return stored === null ? undefined : stored === '1';
      },
      set: (optedOut) => storage.set(OPT_OUT_KEY, optedOut ? '1' : '0'),
    },
    store: persist ? persistedQueue(storage, options.writeKey, uuidv7()) : undefined,
    attach(hooks) {
      const d = g.document;
      const onVisibility = () => d?.visibilityState === 'hidden' && hooks.hide(false);
      const onPageHide = () => hooks.hide(true);
      const onPageShow = (event: { persisted?: boolean }) => event.persisted && hooks.show();
      const onOnline = () => hooks.online();
      d?.addEventListener?.('visibilitychange', onVisibility);
      g.addEventListener?.('pagehide', onPageHide);
      g.addEventListener?.('pageshow', onPageShow);
      g.addEventListener?.('online', onOnline);
      return () => {
        d?.removeEventListener?.('visibilitychange', onVisibility);
        g.removeEventListener?.('pagehide', onPageHide);
        g.removeEventListener?.('pageshow', onPageShow);
        g.removeEventListener?.('online', onOnline);
      };
    },
  };
}
