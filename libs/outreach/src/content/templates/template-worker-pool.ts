import { Worker } from 'node:worker_threads';
import { type TemplateJob } from './template-compiler';
import { limitFailure, TEMPLATE_LIMITS, TEMPLATE_PARTS, type TemplateFailure } from './template-limits';
import { type RenderedEmail } from './template-renderer';
import { workerScript } from '../../worker-script';

/** The most jobs one message to a worker carries. */
const MAX_BATCH = 16;

/** What the pool sends a worker: jobs to run in order, and when they were sent (`Date.now()`). */
export interface TemplateBatch {
  batch: number;
  sentAt: number;
  jobs: TemplateJob[];
}

/** What a worker answers a job with. */
export type TemplateReply =
  { ok: true; email: RenderedEmail } | { ok: false; failure: TemplateFailure } | { ok: false; error: string };

/** What a worker answers a batch with: a reply per job, in order. */
export interface TemplateBatchReply {
  batch: number;
  replies: TemplateReply[];
}

/**
 * Where a worker is, written by it, read by the pool when a job may be over its time or the worker died: the
 * index of the job under way in its batch, the part it is on, and when that job started (ms after `sentAt`).
 */
export const PROGRESS = { job: 0, part: 1, startedAfter: 2 } as const;

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
  job: TemplateJob;
  resolve: (outcome: TemplateOutcome) => void;
  reject: (error: Error) => void;
}

interface Batch {
  id: number;
  sentAt: number;
  jobs: Job[];
}

interface Slot {
  worker?: Worker;
  /** The worker's {@link PROGRESS}. */
  progress?: Int32Array;
  batch?: Batch;
  timer?: NodeJS.Timeout;
}

/**
 * Runs template jobs in worker threads, one batch per worker at a time, each job within a time limit: a worker
 * that passes it is terminated (whatever it is doing, a parse or a loop) and replaced at the next batch, so a
 * template never holds the event loop, and holds a worker for at most the limit. The jobs that queue while the
 * workers are busy go to the next free one together, up to {@link MAX_BATCH} in one message each way: on the
 * notifier's path a message per email cost the main thread more than the renders did (`npm run bench:notify`).
 * The other jobs of a batch whose job was stopped (or whose worker died) are queued again at the front:
 * rendering has no side effect.
 */
export class TemplateWorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextBatch = 1;
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
      this.queue.push({ job, resolve, reject });
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
        for (const job of slot.batch?.jobs ?? []) job.reject(closed);
        this.settle(slot);
        return this.stop(slot);
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.batch || this.queue.length === 0) continue;
      const batch = { id: this.nextBatch++, sentAt: 0, jobs: this.queue.splice(0, MAX_BATCH) };
      slot.batch = batch;
      void this.send(slot, batch);
    }
  }

  private async send(slot: Slot, batch: Batch): Promise<void> {
    try {
      if (!slot.worker) await this.spawn(slot);
      if (this.closed) return await this.stop(slot);
      if (slot.batch !== batch || !slot.worker || !slot.progress) return;
      slot.progress.fill(0);
      // The clock starts once the worker is up: starting one is the pool's cost, not the template's.
      batch.sentAt = Date.now();
      slot.timer = setTimeout(() => this.checkTime(slot, batch), this.options.timeLimitMs);
      const message: TemplateBatch = {
        batch: batch.id,
        sentAt: batch.sentAt,
        jobs: batch.jobs.map((j) => j.job),
      };
      slot.worker.postMessage(message);
    } catch (error) {
      if (slot.batch !== batch) return;
      this.settle(slot);
      for (const job of batch.jobs) job.reject(error instanceof Error ? error : new Error(String(error)));
      this.dispatch();
    }
  }

  private async spawn(slot: Slot): Promise<void> {
    const { script, evaluate } = await workerScript(__dirname, 'template.worker', __filename);
    const progress = new SharedArrayBuffer(Object.keys(PROGRESS).length * Int32Array.BYTES_PER_ELEMENT);
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
    worker.on('message', (reply: TemplateBatchReply) => this.onReply(slot, worker, reply));
    worker.on('error', (error) => this.onCrash(slot, worker, error));
    worker.on('exit', (code) =>
      this.onCrash(slot, worker, new Error(`the template worker exited (${code})`)),
    );
  }

  private onReply(slot: Slot, worker: Worker, reply: TemplateBatchReply): void {
    const batch = slot.batch;
    if (slot.worker !== worker || !batch || batch.id !== reply.batch) return;
    this.settle(slot);
    batch.jobs.forEach((job, i) => {
      const answer = reply.replies[i];
      if (answer === undefined) job.reject(new Error('the template worker did not answer the job'));
      else if (answer.ok) job.resolve({ ok: true, email: answer.email });
      else if ('failure' in answer) job.resolve({ ok: false, failure: answer.failure });
      else job.reject(new Error(`the template worker failed: ${answer.error}`));
    });
    this.dispatch();
  }

  /**
   * Stops the worker if the job under way started the time limit ago or more, else looks again when it would
   * have. The worker writes a job's start before its index, and this reads them the other way round: a job
   * just begun is never timed from the start of the one before.
   */
  private checkTime(slot: Slot, batch: Batch): void {
    if (slot.batch !== batch || !slot.progress) return;
    const index = Atomics.load(slot.progress, PROGRESS.job);
    const started = batch.sentAt + Atomics.load(slot.progress, PROGRESS.startedAfter);
    const left = started + this.options.timeLimitMs - Date.now();
    if (left > 0) {
      slot.timer = setTimeout(() => this.checkTime(slot, batch), left);
      return;
    }
    const part = this.partUnderWay(slot);
    this.settle(slot);
    void this.stop(slot);
    this.fail(batch, index, (job) =>
      job.resolve({ ok: false, failure: limitFailure(part, 'time', this.options.timeLimitMs) }),
    );
  }

  /** A worker that died: out of memory is the template's doing (a limit), anything else is an error. */
  private onCrash(slot: Slot, worker: Worker, error: Error & { code?: string }): void {
    if (slot.worker !== worker) return;
    const part = this.partUnderWay(slot);
    const index = slot.progress ? Atomics.load(slot.progress, PROGRESS.job) : 0;
    slot.worker = undefined;
    slot.progress = undefined;
    const batch = slot.batch;
    if (!batch) return;
    this.settle(slot);
    this.fail(batch, index, (job) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        job.resolve({ ok: false, failure: limitFailure(part, 'memory', this.options.heapMb) });
      } else {
        job.reject(error);
      }
    });
  }

  /** Answers the batch's job at `index` with `failed`, and queues its other jobs again, first. */
  private fail(batch: Batch, index: number, failed: (job: Job) => void): void {
    const job = batch.jobs[index];
    if (job) failed(job);
    this.queue.unshift(...batch.jobs.filter((other) => other !== job));
    this.dispatch();
  }

  private partUnderWay(slot: Slot) {
    return (
      TEMPLATE_PARTS[slot.progress ? Atomics.load(slot.progress, PROGRESS.part) : 0] ?? TEMPLATE_PARTS[0]
    );
  }

  private settle(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.batch = undefined;
  }

  private async stop(slot: Slot): Promise<void> {
    const worker = slot.worker;
    slot.worker = undefined;
    slot.progress = undefined;
    await worker?.terminate();
  }
}
