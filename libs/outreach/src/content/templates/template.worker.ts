// A template worker: checks, compiles and renders email templates off the main thread (see TemplateWorkerPool).
import { parentPort, workerData } from 'node:worker_threads';
import { TemplateCompiler, type TemplateJob } from './template-compiler';
import { TemplateRefused } from './template-limits';
import type { TemplateReply } from './template-worker-pool';

const port = parentPort;
if (!port) throw new Error('template.worker runs as a worker thread');
/** The part under way, for the pool to name when it stops this worker at the time limit. */
const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);
const compiler = new TemplateCompiler();

port.on('message', ({ id, job }: { id: number; job: TemplateJob }) => {
  let reply: TemplateReply;
  try {
    reply = { id, ok: true, email: compiler.render(job, (index) => Atomics.store(progress, 0, index)) };
  } catch (error) {
    reply =
      error instanceof TemplateRefused
        ? { id, ok: false, failure: error.failure }
        : { id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
