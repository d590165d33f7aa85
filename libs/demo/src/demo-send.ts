import { createClient } from '@bindery/sdk';
import { type TimedCall } from './demo-data';

/**
 * Sends calls through the Bindery SDK, in the order given, as a product would, flushing every 2,000 events and
 * telling `progress` how many of them it sent; resolves once the server acknowledged them all (stored). Returns
 * how many were delivered.
 */
export async function sendDemo(
  base: string,
  writeKey: string,
  calls: TimedCall[],
  progress: (done: number) => void = () => undefined,
): Promise<number> {
  const sdk = createClient({ writeKey, host: base, flushAt: 500, maxQueueSize: 50_000 });
  for (const [i, { call }] of calls.entries()) {
    call(sdk);
    if (i % 2_000 === 0) {
      progress(i);
      await sdk.flush();
    }
  }
  const { pending } = await sdk.closeAndFlush({ timeout: 120_000 });
  progress(calls.length - pending);
  return calls.length - pending;
}
