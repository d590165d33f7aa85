/** Properties, traits and context: JSON objects. */
export type Json = Record<string, unknown>;

/** Where the SDK reports events it drops and requests ingest refuses. */
export interface Logger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

/** Options of `init()` and `createClient()`; the same type for Node and the browser. */
export interface BinderyOptions {
  /** The project's write key (`wk_…`). */
  writeKey: string;
  /** Base URL of Bindery's ingest, e.g. `https://bindery.example.com`; `''` in a browser means the page's origin. */
  host: string;
  /** Send as soon as this many events are queued. Default 20. */
  flushAt?: number;
  /** Send queued events at most this long (ms) after the first of them was queued. Default 5000 (browser), 10000 (Node). */
  flushInterval?: number;
  /** Largest request body (bytes of JSON). Default 60000 (browser: the keepalive limit), 500000 (Node). */
  maxBatchBytes?: number;
  /** Ingest's limit on one event (INGEST_MAX_EVENT_BYTES). Larger events are dropped with a warning. Default 32768. */
  maxEventBytes?: number;
  /** Events held (queued or in flight). When full, the oldest queued event is dropped. Default 1000 (browser), 10000 (Node). */
  maxQueueSize?: number;
  /** Retries of a batch in a row before its events are dropped. Default 10. */
  maxRetries?: number;
  /** First retry delay (ms), doubled on each retry, with jitter. Default 1000. */
  minRetryDelay?: number;
  /** Longest retry delay (ms) unless `Retry-After` asks for more. Default 30000. */
  maxRetryDelay?: number;
  /** A request not answered within this many ms is aborted and retried. Default 10000. */
  requestTimeout?: number;
  /** Receives warnings and errors. Default: the console. */
  logger?: Logger;
  /** Browser: a session ends after this many ms without an event. Default 30 minutes. */
  sessionTimeout?: number;
  /** Browser: keep the queue and the anonymous id in localStorage. Default true. */
  persist?: boolean;
  /** Browser: start opted out until `optIn()` (a stored choice wins). Default false. */
  optedOut?: boolean;
  /** Node: gzip request bodies. Default true. */
  gzip?: boolean;
}

/** Per-call overrides: identity for server-side calls, an event time, extra context, an idempotency id. */
export interface CallOptions {
  userId?: string;
  anonymousId?: string;
  /** The account the event belongs to, sent as `context.groupId`. */
  groupId?: string;
  timestamp?: Date | string | number;
  context?: Json;
  /** The event's id; a repeat with the same id is stored once. Default: a new UUID v7. */
  messageId?: string;
}

/** The identity a browser keeps across page loads. */
export interface Identity {
  anonymousId: string;
  userId?: string;
  groupId?: string;
}

/** The Segment calls the SDK makes (`screen` is for mobile SDKs). */
export type MessageType = 'track' | 'identify' | 'group' | 'page' | 'alias';

/** One Segment message as `/v1/batch` takes it. */
export interface Message {
  type: MessageType;
  messageId: string;
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  context: Json;
  event?: string;
  name?: string;
  properties?: Json;
  traits?: Json;
  groupId?: string;
  previousId?: string;
}

/** An answer from ingest, read in full. */
export interface Answer {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** Events kept across page loads (or not at all, in Node). */
export interface QueueStore {
  /** Events left by earlier pages, as JSON, now owned by this one. */
  load(): string[];
  save(events: string[]): void;
  /** Marks the saved events as free for the next page to take (the page is leaving), or as this page's again. */
  release?(released: boolean): void;
}

/** What the core needs from its environment: the two adapters (Node and browser) implement it. */
export interface Platform {
  /** Defaults that differ between platforms. */
  defaults: Partial<BinderyOptions>;
  /** Posts a body to a URL; rejects on a network error or an abort. */
  send(url: string, body: string, init: { signal: AbortSignal; keepalive: boolean }): Promise<Answer>;
  /** Hands a body to the browser to send after the page is gone; false when it could not. */
  beacon?(url: string, body: string): boolean;
  /** True while the device is known to be offline: sending waits, and no retry is spent. */
  offline?(): boolean;
  /** Context of every event (page, user agent, locale, …), apart from the library. */
  context(): Json;
  /** Properties `page()` fills in (url, path, title, referrer). */
  pageProperties?(): Json;
  /** The identity kept across calls and page loads; absent in Node, where each call names its user. */
  identity?: { get(): Identity; set(identity: Identity): void };
  /** The current session id, started anew after inactivity; absent in Node. */
  session?(now: number, reset?: boolean): string;
  /** The stored opt-out choice, if any. */
  consent?: { get(): boolean | undefined; set(optedOut: boolean): void };
  store?: QueueStore;
  /** Wires the client to the environment's lifecycle; returns the function that unwires it. */
  attach(hooks: LifecycleHooks): () => void;
}

/** What the client does when the environment's lifecycle calls. */
export interface LifecycleHooks {
  /** The page is hidden or going away: send what is queued now, and keep the rest on disk. */
  hide(leaving: boolean): void;
  /** The page came back from the back-forward cache. */
  show(): void;
  /** The device is online again. */
  online(): void;
  /** Node's event loop is about to empty. */
  flush(): Promise<void>;
}
