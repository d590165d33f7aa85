// The PGlite thread: runs the embedded Postgres off the main thread (see PGliteThread).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { PGliteReply, PGliteRequest } from './pglite-thread';

const port = parentPort;
if (!port) throw new Error('pglite.worker runs as a worker thread');
const db = new PGlite((workerData as { path: string }).path);

/** A failure as plain fields: Postgres' `code`, `constraint`, `detail` and the rest cross the thread boundary. */
function failure(error: unknown): Record<string, unknown> & { message: string } {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return { ...fields, message: error.message };
}

port.on('message', (request: PGliteRequest) => {
  void (async () => {
    let reply: PGliteReply;
    try {
      if ('close' in request) {
        await db.close();
        reply = { id: request.id };
      } else {
        const { rows, affectedRows, fields } = await db.query(request.sql, request.params);
        reply = { id: request.id, result: { rows, affectedRows, fields } };
      }
    } catch (error) {
      reply = { id: request.id, error: failure(error) };
    }
    port.postMessage(reply);
  })();
});
db.waitReady.then(
  () => port.postMessage('ready'),
  (error: unknown) => port.postMessage({ id: 0, error: failure(error) }),
);
