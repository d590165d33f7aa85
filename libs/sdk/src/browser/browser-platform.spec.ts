import { type LifecycleHooks } from '../core/types';
import { browserPlatform } from './browser-platform';
import { type BrowserGlobals, type KeyValueStorage } from './globals';
import { persistedQueue, safeStorage, STALE_QUEUE_MS } from './storage';

class FakeStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.map.size;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

type Listener = (event: { persisted?: boolean }) => void;

/** A window with the globals the SDK reads, its listeners and fetch calls in view. */
function fakeWindow(storage: KeyValueStorage = new FakeStorage()) {
  const listeners = new Map<string, Listener>();
  const listen = (prefix: string) => ({
    addEventListener: (type: string, fn: Listener) => void listeners.set(prefix + type, fn),
    removeEventListener: (type: string) => void listeners.delete(prefix + type),
  });
  const fetchCalls: { url: string; init: Record<string, unknown> }[] = [];
  const beacons: { url: string; data: { parts: string[]; type: string } }[] = [];
  const g = {
    ...listen(''),
    localStorage: storage,
    navigator: {
      onLine: true,
      userAgent: 'FakeBrowser/1.0',
      language: 'de-DE',
      sendBeacon: (url: string, data: unknown) => beacons.push({ url, data: data as never }) > 0,
    },
    document: {
      ...listen('document:'),
      visibilityState: 'visible',
      referrer: 'https://ref.test/',
      title: 'Reports',
    },
    location: { href: 'https://app.test/reports?tab=1', pathname: '/reports', search: '?tab=1' },
    screen: { width: 1440, height: 900 },
    devicePixelRatio: 2,
    Blob: class {
      constructor(
        readonly parts: string[],
        options: { type: string },
      ) {
        Object.assign(this, options);
      }
    },
    fetch: async (url: string, init: Record<string, unknown>) => {
      fetchCalls.push({ url, init });
      return {
        status: 429,
        headers: { get: (name: string) => (name === 'retry-after' ? '7' : null) },
        text: async () => '{}',
      };
    },
  };
  return { g: g as unknown as BrowserGlobals, listeners, fetchCalls, beacons, storage };
}

const options = { writeKey: 'wk_test', host: '' };

describe('browserPlatform', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps the anonymous id across page loads, in localStorage', () => {
    const { g } = fakeWindow();
    const first = browserPlatform(options, g).identity!.get();
    const second = browserPlatform(options, g).identity!.get();
    expect(first.anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toEqual(first);
  });

  it('keeps identity in memory when localStorage refuses writes, or when persist is false', () => {
    const storage = new FakeStorage();
    storage.failWrites = true;
    const platform = browserPlatform(options, fakeWindow(storage).g);
    platform.identity!.set({ anonymousId: 'a', userId: 'u' });
    expect(platform.identity!.get()).toEqual({ anonymousId: 'a', userId: 'u' });

    const { g, storage: unused } = fakeWindow();
    const memoryOnly = browserPlatform({ ...options, persist: false }, g);
    memoryOnly.identity!.get();
    expect(memoryOnly.store).toBeUndefined();
    expect((unused as FakeStorage).map.size).toBe(0);
  });

  it('continues a session within the inactivity timeout and starts a new one after it, or on reset', () => {
    const platform = browserPlatform({ ...options, sessionTimeout: 1000 }, fakeWindow().g);
    const first = platform.session!(10_000);
    expect(platform.session!(10_999)).toBe(first);
    expect(platform.session!(11_998)).toBe(first);
    const second = platform.session!(13_000);
    expect(second).not.toBe(first);
    expect(platform.session!(13_001, true)).not.toBe(second);
  });

  it('remembers the opt-out choice', () => {
    const { g } = fakeWindow();
    expect(browserPlatform(options, g).consent!.get()).toBeUndefined();
    browserPlatform(options, g).consent!.set(true);
    expect(browserPlatform(options, g).consent!.get()).toBe(true);
  });

  it('sends text/plain with keepalive and no credentials, and reads Retry-After', async () => {
    const { g, fetchCalls } = fakeWindow();
    const signal = new AbortController().signal;
    const answer = await browserPlatform(options, g).send('/v1/batch', '{"batch":[]}', {
      signal,
      keepalive: true,
    });
    expect(answer).toEqual({ status: 429, retryAfter: '7', body: '{}' });
    expect(fetchCalls[0]).toEqual({
      url: '/v1/batch',
      init: {
        method: 'POST',
        body: '{"batch":[]}',
        headers: { 'content-type': 'text/plain' },
        keepalive: true,
        credentials: 'omit',
        signal,
      },
    });
  });

  it('beacons a text/plain body', () => {
    const { g, beacons } = fakeWindow();
    expect(browserPlatform(options, g).beacon!('/v1/batch', '{}')).toBe(true);
    expect(beacons[0]).toMatchObject({ url: '/v1/batch', data: { parts: ['{}'], type: 'text/plain' } });
  });

  it('describes the page, the browser and the screen', () => {
    const platform = browserPlatform(options, fakeWindow().g);
    const page = {
      url: 'https://app.test/reports?tab=1',
      path: '/reports',
      search: '?tab=1',
      title: 'Reports',
      referrer: 'https://ref.test/',
    };
    expect(platform.context()).toEqual({
      page,
      userAgent: 'FakeBrowser/1.0',
      locale: 'de-DE',
      timezone: expect.any(String),
      screen: { width: 1440, height: 900, density: 2 },
    });
    expect(platform.pageProperties!()).toEqual(page);
  });

  it('wires hidden, pagehide, pageshow from the cache and online to the hooks, and unwires them', () => {
    const { g, listeners } = fakeWindow();
    const calls: string[] = [];
    const hooks: LifecycleHooks = {
      hide: (leaving) => void calls.push(`hide ${leaving}`),
      show: () => void calls.push('show'),
      online: () => void calls.push('online'),
      flush: async () => undefined,
    };
    const detach = browserPlatform(options, g).attach(hooks);
    (g.document as { visibilityState: string }).visibilityState = 'hidden';
    listeners.get('document:visibilitychange')!({});
    listeners.get('pagehide')!({});
    listeners.get('pageshow')!({ persisted: false });
    listeners.get('pageshow')!({ persisted: true });
    listeners.get('online')!({});
    expect(calls).toEqual(['hide false', 'hide true', 'show', 'online']);
    detach();
    expect(listeners.size).toBe(0);
  });
});

describe('persistedQueue', () => {
  const event = (id: string) => JSON.stringify({ type: 'track', messageId: id });

  it("hands a leaving page's queue to the next page once, and leaves a live page's queue alone", () => {
    const storage = safeStorage(new FakeStorage());
    const leaving = persistedQueue(storage, 'wk', 'page-a');
    const live = persistedQueue(storage, 'wk', 'page-b');
    leaving.save([event('1'), event('2')]);
    live.save([event('3')]);
    leaving.release!(true);

    const next = persistedQueue(storage, 'wk', 'page-c');
    expect(next.load()).toEqual([event('1'), event('2')]);
    expect(persistedQueue(storage, 'wk', 'page-d').load()).toEqual([]);
    expect(persistedQueue(storage, 'other-key', 'page-e').load()).toEqual([]);
  });

  it('takes a queue not saved for an hour (its page died without pagehide), without duplicates', () => {
    jest.useFakeTimers();
    const storage = safeStorage(new FakeStorage());
    persistedQueue(storage, 'wk', 'crashed').save([event('1')]);
    const restored = persistedQueue(storage, 'wk', 'restored');
    restored.save([event('1')]);
    restored.release!(true);
    jest.advanceTimersByTime(STALE_QUEUE_MS);
    expect(persistedQueue(storage, 'wk', 'next').load()).toEqual([event('1')]);
  });

  it('removes its key once its queue is empty', () => {
    const raw = new FakeStorage();
    const queue = persistedQueue(safeStorage(raw), 'wk', 'page-a');
    queue.save([event('1')]);
    expect(raw.map.size).toBe(1);
    queue.save([]);
    expect(raw.map.size).toBe(0);
  });
});
