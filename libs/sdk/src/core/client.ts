import { Delivery } from './delivery';
import {
  type BinderyOptions,
  type CallOptions,
  type Identity,
  type Json,
  type Logger,
  type Message,
  type MessageType,
  type Platform,
} from './types';
import { uuidv7 } from './uuid-v7';
import { LIBRARY_NAME, VERSION } from './version';

/** The event `feature()` records; ingest reads `properties.feature` as the feature's name. */
export const FEATURE_EVENT = 'Feature Used';

const DEFAULTS = {
  flushAt: 20,
  flushInterval: 10_000,
  maxBatchBytes: 500_000,
  maxEventBytes: 32_768,
  maxQueueSize: 10_000,
  maxRetries: 10,
  minRetryDelay: 1_000,
  maxRetryDelay: 30_000,
  requestTimeout: 10_000,
};

/** The SDK runs inside the customer's app: its console is the one place a default logger can write to. */
const consoleLogger: Logger = {
  // eslint-disable-next-line no-console
  warn: (...args) => console.warn(...args),
  // eslint-disable-next-line no-console
  error: (...args) => console.error(...args),
};

function isoTime(value: Date | string | number): string {
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
}

/** A Bindery client: turns calls into Segment messages and hands them to its delivery queue. */
export class BinderyClient {
  private readonly delivery: Delivery;
  private readonly log: Logger;
  private readonly detach: () => void;
  private optedOutNow: boolean;
  private closed = false;
  /** Where the client sends, without a trailing slash, and with which write key: for the optional modules. */
  readonly host: string;
  readonly writeKey: string;

  constructor(
    options: BinderyOptions,
    private readonly platform: Platform,
  ) {
    if (!options?.writeKey) throw new Error('Bindery: init() needs a writeKey');
    if (typeof options.host !== 'string') throw new Error('Bindery: init() needs a host');
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    const o = { ...DEFAULTS, ...platform.defaults, ...given } as typeof DEFAULTS & BinderyOptions;
    this.log = o.logger ?? consoleLogger;
    this.optedOutNow = platform.consent?.get() ?? o.optedOut ?? false;
    this.host = o.host.replace(/\/+$/, '');
    this.writeKey = o.writeKey;
    this.delivery = new Delivery({ ...o, url: `${this.host}/v1/batch` }, platform, this.log);
    this.detach = platform.attach({
      hide: (leaving) => this.delivery.hide(leaving),
      show: () => this.delivery.show(),
      online: () => this.delivery.flushSoon(),
      flush: () => this.delivery.flush(),
    });
    if (this.optedOutNow) this.delivery.clear();
    this.delivery.start();
  }

  /** Records that the user did something. */
  track(event: string, properties?: Json, options?: CallOptions): void {
    if (!event) return this.log.warn('Bindery: track() needs an event name');
    this.enqueue('track', { event, properties: { ...properties } }, options);
  }

  /**
   * Records a use of a feature in one shape: event `Feature Used` with `properties.feature` and
   * `properties.action`, e.g. `feature('export', 'completed', { format: 'csv' })`.
   */
  feature(name: string, action: string, properties?: Json, options?: CallOptions): void {
    if (!name) return this.log.warn('Bindery: feature() needs a feature name');
    this.track(FEATURE_EVENT, { ...properties, feature: name, action }, options);
  }

  /** Says who the user is; in a browser, later events carry this user id, across page loads too. */
  identify(userId: string, traits?: Json, options?: CallOptions): void {
    if (!userId) return this.log.warn('Bindery: identify() needs a user id');
    this.remember({ userId });
    this.enqueue('identify', { userId, traits: { ...traits } }, options);
  }

  /** Says which account (customer company) the user belongs to; in a browser, later events carry it. */
  group(accountId: string, traits?: Json, options?: CallOptions): void {
    if (!accountId) return this.log.warn('Bindery: group() needs an account id');
    this.remember({ groupId: accountId });
    this.enqueue('group', { groupId: accountId, traits: { ...traits } }, options, accountId);
  }

  /** Records a page view; in a browser the url, path, search, title and referrer are filled in. */
  page(name?: string, properties?: Json, options?: CallOptions): void {
    const fields: Partial<Message> = { properties: { ...this.platform.pageProperties?.(), ...properties } };
    if (name) fields.name = name;
    this.enqueue('page', fields, options);
  }

  /** Links `previousId` (by default the current user or anonymous id) to `userId`. */
  alias(userId: string, previousId?: string, options?: CallOptions): void {
    const current = this.platform.identity?.get();
    const previous = previousId ?? current?.userId ?? current?.anonymousId;
    if (!userId || !previous) return this.log.warn('Bindery: alias() needs a user id and a previous id');
    this.enqueue('alias', { userId, previousId: previous }, options);
  }

  /** Forgets the user and the account (on log-out): a new anonymous id and a new session. */
  reset(): void {
    this.platform.identity?.set({ anonymousId: uuidv7() });
    this.platform.session?.(Date.now(), true);
  }

  /** Stops collecting and forgets every queued event; the choice is kept across page loads. */
  optOut(): void {
    this.optedOutNow = true;
    this.platform.consent?.set(true);
    this.delivery.clear();
  }

  /** Collects again after `optOut()`. */
  optIn(): void {
    this.optedOutNow = false;
    this.platform.consent?.set(false);
  }

  get optedOut(): boolean {
    return this.optedOutNow;
  }

  /** The identity a browser keeps (anonymous id, user id, account id); undefined in Node. */
  user(): Identity | undefined {
    return this.platform.identity?.get();
  }

  /** Sends what is queued; resolves once it is delivered or dropped, waiting for retries. */
  flush(): Promise<void> {
    return this.delivery.flush();
  }

  /**
   * Flushes and stops: resolves once every event is delivered or dropped, retries included, or after `timeout`
   * ms, whichever comes first, with the number of events left undelivered. Later calls are ignored.
   */
  async closeAndFlush(options: { timeout?: number } = {}): Promise<{ pending: number }> {
    this.closed = true;
    this.detach();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flushed = this.delivery.flush();
    await (options.timeout === undefined
      ? flushed
      : Promise.race([
          flushed,
          new Promise<void>((resolve) => (timer = setTimeout(resolve, options.timeout))),
        ]));
    clearTimeout(timer);
    const pending = this.delivery.stop();
    if (pending) this.log.warn(`Bindery: closed with ${pending} events undelivered`);
    return { pending };
  }

  private remember(patch: Partial<Identity>): void {
    const identity = this.platform.identity;
    if (identity && !this.optedOutNow) identity.set({ ...identity.get(), ...patch });
  }

  private enqueue(
    type: MessageType,
    fields: Partial<Message>,
    options: CallOptions = {},
    account?: string,
  ): void {
    if (this.closed) return this.log.warn(`Bindery: ${type}() after closeAndFlush() is ignored`);
    if (this.optedOutNow) return;
    const now = Date.now();
    const stored = this.platform.identity?.get();
    const groupId = account ?? options.groupId ?? stored?.groupId;
    const sessionId = this.platform.session?.(now);
    const context: Json = { ...this.platform.context(), library: { name: LIBRARY_NAME, version: VERSION } };
    if (groupId) context.groupId = groupId;
    if (sessionId) context.sessionId = sessionId;
    const message: Message = {
      type,
      messageId: options.messageId ?? uuidv7(now),
      timestamp: isoTime(options.timestamp ?? now),
      userId: options.userId ?? stored?.userId,
      anonymousId: options.anonymousId ?? stored?.anonymousId,
      context: { ...context, ...options.context },
      ...fields,
    };
    if (!message.userId && !message.anonymousId && type !== 'group') {
      return this.log.warn(`Bindery: dropped a ${type} event with neither a userId nor an anonymousId`);
    }
    this.delivery.add(message);
  }
}
