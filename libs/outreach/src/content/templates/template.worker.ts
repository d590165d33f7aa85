// A template worker: checks, compiles and renders email templates off the main thread (see TemplateWorkerPool).
import { parentPort, workerData } from 'node:worker_threads';
import { TemplateCompiler, type TemplateJob } from './template-compiler';
import { TemplateRefused } from './template-limits';
import {
  PROGRESS,
  type TemplateBatch,
  type TemplateBatchReply,
  type TemplateReply,
} from './template-worker-pool';

const port = parentPort;
if (!port) throw new Error('template.worker runs as a worker thread');
/** Where this worker is, for the pool to time each job and to name the part when it stops this worker. */
const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);
const compiler = new TemplateCompiler();

function run(job: TemplateJob): TemplateReply {
  try {
    return { ok: true, email: compiler.render(job, (part) => Atomics.store(progress, PROGRESS.part, part)) };
  } catch (error) {
    return error instanceof TemplateRefused
      ? { ok: false, failure: error.failure }
      : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

port.on('message', ({ batch, sentAt, jobs }: TemplateBatch) => {
  const replies = jobs.map((job, index) => {
    // The start first, then the index: the pool reads them the other way round (see checkTime).
    Atomics.store(progress, PROGRESS.startedAfter, Date.now() - sentAt);
    Atomics.store(progress, PROGRESS.job, index);
    return run(job);
  });
  const reply: TemplateBatchReply = { batch, replies };
  port.postMessage(reply);
});
port.postMessage('ready');
