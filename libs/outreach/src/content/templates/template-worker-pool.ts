import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type TemplateJob } from './template-compiler';
import { limitFailure, TEMPLATE_LIMITS, TEMPLATE_PARTS, type TemplateFailure } from './template-limits';
import { type RenderedEmail } from './template-renderer';

/** What a worker answers a job with. */
export type TemplateReply =
  | { id: number; ok: true; email: RenderedEmail }
  | { id: number; ok: false; failure: TemplateFailure }
  | { id: number; ok: false; error: string };

/** A job's outcome: the email, or why the template was refused (a limit, a rule, a render error). */
export type TemplateOutcome = { ok: true; email: RenderedEmail } | { ok: false; failure: TemplateFailure };

export interface TemplatePoolOptions {
  /** Worker threads, each started at its first job and again after one is stopped. */
  workers: number;
  /** How long a worker may take over one job before it is stopped and the job refused. */
  timeLimitMs: number;
  /** Each worker's heap, in MB: past it the worker dies and the job is refused. */
  heapMb: number;
}

interface Job {
  id: number;
  job: TemplateJob;
  resolve: (outcome: TemplateOutcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker?: Worker;
  /** The index of the part the worker is on, written by the worker, read when it is stopped. */
  progress?: Int32Array;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Runs template jobs in worker threads, one job per worker at a time, each within a time limit: a worker that
 * passes it is terminated (whatever it is doing, a parse or a loop) and replaced at the next job, so a template
 * never holds the event loop, and holds a worker for at most the limit.
 */
export class TemplateWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: TemplatePoolOptions = {
      workers: 2,
      timeLimitMs: TEMPLATE_LIMITS.timeLimitMs,
      heapMb: TEMPLATE_LIMITS.workerHeapMb,
    },
  ) {
    this.slots = Array.from({ length: options.workers }, () => ({}));
  }

  run(job: TemplateJob): Promise<TemplateOutcome> {
    if (this.closed) return Promise.reject(new Error('the template workers are closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the workers; jobs not done are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const closed = new Error('the template workers are closed');
    for (const job of this.queue.splice(0)) job.reject(closed);
    await Promise.all(
      this.slots.map((slot) => {
        slot.job?.reject(closed);
        this.settle(slot);
        return this.stop(slot);
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      const job = slot.job ? undefined : this.queue.shift();
      if (!job) continue;
      slot.job = job;
      void this.send(slot, job);
    }
  }

  private async send(slot: Slot, job: Job): Promise<void> {
    try {
      if (!slot.worker) await this.spawn(slot);
      if (this.closed) return await this.stop(slot);
      if (slot.job !== job || !slot.worker || !slot.progress) return;
      Atomics.store(slot.progress, 0, 0);
      // The clock starts once the worker is up: starting one is the pool's cost, not the template's.
      slot.timer = setTimeout(() => this.timeOut(slot, job), this.options.timeLimitMs);
      slot.worker.postMessage({ id: job.id, job: job.job });
    } catch (error) {
      if (slot.job !== job) return;
      this.settle(slot);
      job.reject(error instanceof Error ? error : new Error(String(error)));
      this.dispatch();
    }
  }

  private async spawn(slot: Slot): Promise<void> {
    const { script, evaluate } = await workerScript();
    const progress = new SharedArrayBuffer(4);
    const worker = new Worker(script, {
      eval: evaluate,
      workerData: { progress },
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb },
    });
    // An idle worker never keeps the process alive.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      const started = (message: unknown) => {
        if (message !== 'ready') return;
        worker.off('message', started).off('error', failed).off('exit', failed);
        resolve();
      };
      const failed = (error: unknown) => {
        worker.off('message', started).off('error', failed).off('exit', failed);
        reject(error instanceof Error ? error : new Error(`the template worker exited (${String(error)})`));
      };
      worker.on('message', started).on('error', failed).on('exit', failed);
    });
    slot.worker = worker;
    slot.progress = new Int32Array(progress);
    worker.on('message', (reply: TemplateReply) => this.onReply(slot, worker, reply));
    worker.on('error', (error) => this.onCrash(slot, worker, error));
    worker.on('exit', (code) =>
      this.onCrash(slot, worker, new Error(`the template worker exited (${code})`)),
    );
  }

  private onReply(slot: Slot, worker: Worker, reply: TemplateReply): void {
    const job = slot.job;
    if (slot.worker !== worker || !job || job.id !== reply.id) return;
    this.settle(slot);
    if (reply.ok) job.resolve({ ok: true, email: reply.email });
    else if ('failure' in reply) job.resolve({ ok: false, failure: reply.failure });
    else job.reject(new Error(`the template worker failed: ${reply.error}`));
    this.dispatch();
  }

  private timeOut(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const part = this.partUnderWay(slot);
    this.settle(slot);
    void this.stop(slot);
    job.resolve({ ok: false, failure: limitFailure(part, 'time', this.options.timeLimitMs) });
    this.dispatch();
  }

  /** A worker that died: out of memory is the template's doing (a limit), anything else is an error. */
  private onCrash(slot: Slot, worker: Worker, error: Error & { code?: string }): void {
    if (slot.worker !== worker) return;
    const part = this.partUnderWay(slot);
    slot.worker = undefined;
    slot.progress = undefined;
    const job = slot.job;
    if (!job) return;
    this.settle(slot);
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      job.resolve({ ok: false, failure: limitFailure(part, 'memory', this.options.heapMb) });
    } else {
      job.reject(error);
    }
    this.dispatch();
  }

  private partUnderWay(slot: Slot) {
    return TEMPLATE_PARTS[slot.progress ? Atomics.load(slot.progress, 0) : 0] ?? TEMPLATE_PARTS[0];
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
  }

  private async stop(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.progress = undefined;
    await worker?.terminate();
  }
}

let bundled: Promise<string> | undefined;

/**
 * The worker's script: `template.worker.js` beside this file once built. Run from the TypeScript sources (jest),
 * esbuild bundles `template.worker.ts` into one script first: a worker thread cannot load TypeScript.
 */
async function workerScript(): Promise<{ script: string; evaluate: boolean }> {
  const file = join(__dirname, `template.worker${extname(__filename)}`);
  if (extname(__filename) !== '.ts') return { script: file, evaluate: false };
  // Required, not imported: esbuild is a dev dependency (only the sources need it), and the build keeps import()
  // as is for ES-module-only packages, which jest would load through its experimental module linker.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  bundled ??= (async () => {
    const built = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const [output] = built.outputFiles;
    if (!output) throw new Error(`esbuild wrote no output for ${file}`);
    return output.text;
  })();
  return { script: await bundled, evaluate: true };
}
