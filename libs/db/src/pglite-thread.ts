import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { type PGlite } from '@electric-sql/pglite';
import { workerScript } from '@bindery/config';

/** What the main thread asks the PGlite thread: a statement, or to close the database. */
export type PGliteRequest = { id: number; sql: string; params?: unknown[] } | { id: number; close: true };

type Results = Awaited<ReturnType<PGlite['query']>>;

/** Its answer: the statement's result, or the failure's fields (`code`, `constraint`, …) and message. */
export type PGliteReply =
  | { id: number; result?: Pick<Results, 'rows' | 'affectedRows' | 'fields'> }
  | { id: number; error: Record<string, unknown> & { message: string } };

/** Postgres' date, timestamp and timestamptz: PGlite answers them as Dates. */
const DATE_TYPES = new Set([1082, 1114, 1184]);

/**
 * The rows with their Dates made again in this thread's realm. A Date that crossed from the worker is made
 * in the main context, which is not that of code run in a context of its own (jest's tests, a `vm`): there
 * `instanceof Date` was false for it.
 */
function ownDates(result: Pick<Results, 'rows' | 'fields'>): void {
  const dates = result.fields.filter((f) => DATE_TYPES.has(f.dataTypeID)).map((f) => f.name);
  if (dates.length === 0) return;
  for (const row of result.rows as Record<string, unknown>[]) {
    for (const name of dates) {
      const value = row[name];
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
        row[name] = new Date((value as Date).getTime());
      }
    }
  }
}

interface Waiting {
  resolve: (reply: PGliteReply) => void;
  reject: (error: Error) => void;
}

/**
 * PGlite (the embedded Postgres) in a worker thread of its own. PGlite executes every statement synchronously
 * on the thread that holds it: on the main thread, a rules run's writes (tens of thousands of rows) stopped
 * every request the process serves meanwhile. This thread holds the database; the main thread sends it each
 * statement with its parameters and gets the rows back. It offers what Kysely's PGlite dialect uses of a
 * PGlite: `query` (one statement at a time, in order: the dialect holds its one connection for a transaction)
 * and `close`.
 *
 * The worker starts with the first statement. A worker that dies fails the statements it held and every later
 * one, with the reason: the database is gone for this process, which then reports itself unready.
 */
export class PGliteThread implements Pick<PGlite, 'query' | 'close'> {
  private worker?: Promise<Worker>;
  private failed?: Error;
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly path: string) {}

  async query<T>(sql: string, params?: unknown[]): Promise<Results & { rows: T[] }> {
    const reply = await this.send({ id: this.next++, sql, params });
    if ('error' in reply) throw Object.assign(new Error(reply.error.message), reply.error);
    const result = reply.result as Results & { rows: T[] };
    ownDates(result);
    return result;
  }

  async close(): Promise<void> {
    // Never started, or failed to: there is nothing to close.
    const worker = await this.worker?.catch(() => undefined);
    if (!worker || this.failed) return;
    await this.send({ id: this.next++, close: true });
    await worker.terminate();
  }

  private async send(request: PGliteRequest): Promise<PGliteReply> {
    const worker = await (this.worker ??= this.start());
    if (this.failed) throw this.failed;
    const reply = new Promise<PGliteReply>((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
    });
    // The thread keeps the process alive only while a statement waits for it.
    if (this.waiting.size === 1) worker.ref();
    worker.postMessage(request);
    return reply;
  }

  private async start(): Promise<Worker> {
    // PGlite finds its WebAssembly and data files next to its own modules: it stays a `require` when bundled.
    const { script, evaluate } = await workerScript(__dirname, 'pglite.worker', __filename, [
      '@electric-sql/pglite',
    ]);
    const worker = new Worker(script, { eval: evaluate, workerData: { path: this.path } });
    const [first] = (await Promise.race([once(worker, 'message'), once(worker, 'exit')])) as unknown[];
    if (first !== 'ready') {
      const reason = (first as PGliteReply | undefined) ?? {
        id: 0,
        error: { message: `exit ${String(first)}` },
      };
      await worker.terminate();
      throw new Error(
        `the PGlite thread did not start: ${'error' in reason ? reason.error.message : 'no reason'}`,
      );
    }
    worker.on('message', (reply: PGliteReply) => this.answer(worker, reply));
    worker.on('error', (error) => this.lost(error));
    worker.on('exit', (code) => this.lost(new Error(`the PGlite thread exited (${code})`)));
    worker.unref();
    return worker;
  }

  private answer(worker: Worker, reply: PGliteReply): void {
    const waiting = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) worker.unref();
    waiting?.resolve(reply);
  }

  private lost(error: Error): void {
    this.failed ??= error;
    for (const { reject } of this.waiting.values()) reject(this.failed);
    this.waiting.clear();
  }
}
