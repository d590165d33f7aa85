import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import { type BinderyOptions, type Platform } from '../core/types';
import { LIBRARY_NAME, VERSION } from '../core/version';

const gzip = promisify(gzipCallback);

/**
 * The Node adapter: fetch with gzip bodies, no identity of its own (a server names the user in each call), and a
 * flush when the event loop is about to empty, so a script that ends without `closeAndFlush()` still delivers.
 */
export function nodePlatform(options: BinderyOptions): Platform {
  const compress = options.gzip !== false;
  return {
    defaults: { flushInterval: 10_000, maxBatchBytes: 500_000, maxQueueSize: 10_000 },
    async send(url, body, { signal }) {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': `${LIBRARY_NAME}/${VERSION} (node ${process.version})`,
      };
      if (compress) headers['content-encoding'] = 'gzip';
      const res = await fetch(url, {
        method: 'POST',
        body: compress ? await gzip(body) : body,
        headers,
        signal,
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() };
    },
    context: () => ({}),
    attach(hooks) {
      const onBeforeExit = () => void hooks.flush();
      process.on('beforeExit', onBeforeExit);
      return () => process.off('beforeExit', onBeforeExit);
    },
  };
}
