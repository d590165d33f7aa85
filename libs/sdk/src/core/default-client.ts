import { type BinderyClient } from './client';
import { type CallOptions, type Json } from './types';

let current: BinderyClient | undefined;

/** Makes the default client that the module's functions use, once: a second `init()` returns the first client. */
export function initDefault(create: () => BinderyClient): BinderyClient {
  if (current) {
    // eslint-disable-next-line no-console -- no logger is at hand before the client exists
    console.warn('Bindery: init() was already called; the first client is kept');
    return current;
  }
  return (current = create());
}

function client(): BinderyClient | undefined {
  // eslint-disable-next-line no-console -- no logger is at hand before the client exists
  if (!current) console.warn('Bindery: call init() first; the call is ignored');
  return current;
}

/** Records that the user did something. */
export function track(event: string, properties?: Json, options?: CallOptions): void {
  client()?.track(event, properties, options);
}

/** Records a use of a feature: event `Feature Used` with `properties.feature` and `properties.action`. */
export function feature(name: string, action: string, properties?: Json, options?: CallOptions): void {
  client()?.feature(name, action, properties, options);
}

/** Says who the user is. */
export function identify(userId: string, traits?: Json, options?: CallOptions): void {
  client()?.identify(userId, traits, options);
}

/** Says which account the user belongs to. */
export function group(accountId: string, traits?: Json, options?: CallOptions): void {
  client()?.group(accountId, traits, options);
}

/** Records a page view. */
export function page(name?: string, properties?: Json, options?: CallOptions): void {
  client()?.page(name, properties, options);
}

/** Links a previous id to a user id. */
export function alias(userId: string, previousId?: string, options?: CallOptions): void {
  client()?.alias(userId, previousId, options);
}

/** Forgets the user and the account: a new anonymous id and a new session. */
export function reset(): void {
  client()?.reset();
}

/** Stops collecting and forgets the queued events. */
export function optOut(): void {
  client()?.optOut();
}

/** Collects again after `optOut()`. */
export function optIn(): void {
  client()?.optIn();
}

/** Sends what is queued; resolves once it is delivered or dropped. */
export function flush(): Promise<void> {
  return client()?.flush() ?? Promise.resolve();
}

/** Flushes and stops the default client. */
export function closeAndFlush(options?: { timeout?: number }): Promise<{ pending: number }> {
  return client()?.closeAndFlush(options) ?? Promise.resolve({ pending: 0 });
}
