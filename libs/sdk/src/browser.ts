// The browser flavour of @bindery/sdk: the core with the browser adapter (localStorage, keepalive, beacon).
import { BinderyClient } from './core/client';
import { initDefault } from './core/default-client';
import { type BinderyOptions } from './core/types';
import { browserPlatform } from './browser/browser-platform';

/** Creates a client of its own (several write keys, tests); most apps call `init()` once instead. */
export function createClient(options: BinderyOptions): BinderyClient {
  return new BinderyClient(options, browserPlatform(options));
}

/** Starts the default client that `track()`, `identify()` and the other functions use. */
export function init(options: BinderyOptions): BinderyClient {
  return initDefault(() => createClient(options));
}

export * from './core/public-api';
