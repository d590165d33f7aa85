import { createClient } from '@bindery/sdk';
import { type Demo } from './demo-data';

/**
 * Sends a demo's calls through the Bindery SDK, as a product would, flushing every 2,000 events and telling
 * `progress` how far it is; returns how many events were delivered.
 */
export async function sendDemo(
  base: string,
  writeKey: string,
  demo: Demo,
  progress: (done: number, total: number) => void = () => undefined,
): Promise<number> {
  const sdk = createClient({ writeKey, host: base, flushAt: 500, maxQueueSize: 50_000 });
  const total = demo.calls.length;
  for (const [i, call] of demo.calls.entries()) {
    call(sdk);
    if (i % 2_000 === 0) {
      progress(i, total);
      await sdk.flush();
    }
  }
  const { pending } = await sdk.closeAndFlush({ timeout: 120_000 });
  progress(total - pending, total);
  return total - pending;
}
