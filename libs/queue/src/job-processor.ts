import { WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { type JobOf, type JobsOf, type QueueName } from './queues';

/** What a queue's processor does with each job name of its queue: the compiler asks for every one. */
export type JobHandlers<Q extends QueueName> = { [N in JobsOf<Q>]: (job: JobOf<N>) => Promise<unknown> };

/**
 * A queue's worker (with `@Processor(queue)`): each job goes to the handler of its name. Which names a
 * processor handles is checked against the queues when the app starts, so no job waits for a handler that
 * is not there.
 */
export abstract class JobProcessor<Q extends QueueName> extends WorkerHost {
  abstract readonly handlers: JobHandlers<Q>;

  async process(job: Job): Promise<unknown> {
    if (!Object.hasOwn(this.handlers, job.name))
      throw new UnrecoverableError(`no handler for job ${job.name}`);
    // BullMQ types a job's name as any string; the one handler looked up by that name takes that job.
    const handle = this.handlers[job.name as JobsOf<Q>] as (job: Job) => Promise<unknown>;
    return handle(job);
  }
}
