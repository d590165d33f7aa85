// The Node flavour of @bindery/sdk: the core with the Node adapter (gzip, fetch, flush before exit).
import { BinderyClient } from './core/client';
import { initDefault } from './core/default-client';
import { type BinderyOptions } from './core/types';
import { nodePlatform } from './node/node-platform';

/** Creates a client of its own (several write keys, tests); most apps call `init()` once instead. */
export function createClient(options: BinderyOptions): BinderyClient {
  return new BinderyClient(options, nodePlatform(options));
}

/** Starts the default client that `track()`, `identify()` and the other functions use. */
export function init(options: BinderyOptions): BinderyClient {
  return initDefault(() => createClient(options));
}

export * from './core/public-api';
