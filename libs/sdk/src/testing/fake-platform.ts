import {
  type Answer,
  type BinderyOptions,
  type Identity,
  type LifecycleHooks,
  type Message,
  type Platform,
  type QueueStore,
} from '../core/types';

/** A request the fake platform received, its body parsed. */
export interface FakeRequest {
  at: number;
  url: string;
  body: { batch: Message[]; sentAt: string; writeKey: string };
  bytes: number;
  keepalive: boolean;
}

/** What the fake ingest answers to one request: an answer, a network error, or an answer that never comes. */
export type Scripted = Answer | Error | 'hang';

/** A 2xx answer, as ingest gives it. */
export const ok = (): Answer => ({ status: 200, retryAfter: null, body: '{"success":true,"rejected":[]}' });
/** An error answer with this status (and Retry-After). */
export const status = (code: number, retryAfter: string | null = null): Answer => ({
  status: code,
  retryAfter,
  body: `{"error":{"code":"e${code}","message":"status ${code}"}}`,
});

/** A queue store in memory, with the last saved events and release flag in view. */
export class MemoryStore implements QueueStore {
  saved: string[] = [];
  released = false;
  constructor(private readonly left: string[] = []) {}
  load(): string[] {
    return this.left.splice(0);
  }
  save(events: string[]): void {
    this.saved = events;
  }
  release(released: boolean): void {
    this.released = released;
  }
}

/** A platform for unit specs: scripted answers (200 once the script runs out), recorded requests and beacons. */
export class FakePlatform implements Platform {
  defaults: Partial<BinderyOptions> = {};
  readonly requests: FakeRequest[] = [];
  readonly beacons: FakeRequest[] = [];
  script: Scripted[] = [];
  isOffline = false;
  hooks?: LifecycleHooks;
  identity?: { get(): Identity; set(identity: Identity): void };
  session?: (now: number, reset?: boolean) => string;
  pageProperties?: () => Record<string, unknown>;
  store?: MemoryStore;

  /** The ids of each request's events, in order. */
  batches(): string[][] {
    return this.requests.map((r) => r.body.batch.map((m) => m.messageId));
  }

  /** Every event of every request. */
  sent(): Message[] {
    return this.requests.flatMap((r) => r.body.batch);
  }

  send(url: string, body: string, init: { signal: AbortSignal; keepalive: boolean }): Promise<Answer> {
    this.requests.push(this.parse(url, body, init.keepalive));
    const next = this.script.shift() ?? ok();
    if (next === 'hang') {
      return new Promise((_, reject) =>
        init.signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  }

  beacon(url: string, body: string): boolean {
    this.beacons.push(this.parse(url, body, true));
    return true;
  }

  offline(): boolean {
    return this.isOffline;
  }

  context() {
    return { platform: 'fake' };
  }

  attach(hooks: LifecycleHooks): () => void {
    this.hooks = hooks;
    return () => (this.hooks = undefined);
  }

  private parse(url: string, body: string, keepalive: boolean): FakeRequest {
    return { at: Date.now(), url, body: JSON.parse(body), bytes: Buffer.byteLength(body), keepalive };
  }
}

/** An identity kept in memory, as the browser keeps it in localStorage. */
export function memoryIdentity(anonymousId = 'anon-1') {
  let identity: Identity = { anonymousId };
  return { get: () => identity, set: (value: Identity) => void (identity = value) };
}

/** A logger that keeps what it is told. */
export function recordingLogger() {
  const log = {
    warnings: [] as string[],
    errors: [] as string[],
    warn: (message: string) => void log.warnings.push(message),
    error: (message: string) => void log.errors.push(message),
  };
  return log;
}
