/** localStorage, as far as the SDK uses it. */
export interface KeyValueStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

type Listener = (event: { persisted?: boolean }) => void;

interface Listenable {
  addEventListener?(type: string, listener: Listener): void;
  removeEventListener?(type: string, listener: Listener): void;
}

export interface FetchResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The few browser globals the SDK touches, typed here rather than through the DOM library so that the
 * repository's Node-only type check covers this code, and so that tests can hand in a fake window.
 */
export interface BrowserGlobals extends Listenable {
  localStorage?: KeyValueStorage;
  navigator?: {
    onLine?: boolean;
    userAgent?: string;
    language?: string;
    sendBeacon?(url: string, data: unknown): boolean;
  };
  document?: Listenable & { visibilityState?: string; referrer?: string; title?: string };
  location?: { href: string; pathname: string; search: string };
  screen?: { width: number; height: number };
  devicePixelRatio?: number;
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  fetch(
    url: string,
    init: {
      method: string;
      body: string;
      headers: Record<string, string>;
      keepalive: boolean;
      credentials: string;
      signal: AbortSignal;
    },
  ): Promise<FetchResponse>;
}
