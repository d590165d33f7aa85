import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { type JobsOptions, type Queue, type RepeatOptions } from 'bullmq';
import {
  EMAILS_PER_SEND_JOB,
  JOB_QUEUE,
  type JobName,
  type JobOf,
  type JobPayloads,
  QUEUES,
  type QueueName,
  SIGNALS_PER_JOB,
} from './queues';

/** One job to add: its payload and, as the caller sees fit, its BullMQ options (a deterministic `jobId`). */
export interface JobToAdd<N extends JobName> {
  data: JobPayloads[N];
  opts?: JobsOptions;
}

/** `ids` cut into runs of `size`, in order. */
const batchesOf = (ids: readonly string[], size: number): string[][] =>
  Array.from({ length: Math.ceil(ids.length / size) }, (_, k) => ids.slice(k * size, (k + 1) * size));

/**
 * The jobs for new signals of a project, {@link SIGNALS_PER_JOB} a job, each named by its first signal: adding
 * the same signals again adds nothing.
 */
export function signalsJobs(projectId: string, signalIds: readonly string[]): JobToAdd<'signals'>[] {
  return batchesOf(signalIds, SIGNALS_PER_JOB).map((batch) => ({
    data: { projectId, signalIds: batch },
    opts: { jobId: `signals-${batch[0]}` },
  }));
}

/**
 * The jobs that send outbox rows, {@link EMAILS_PER_SEND_JOB} a job, each named by a hash of its rows: adding
 * the same rows again adds nothing, and a row queued again in another batch is sent by the job that claims it.
 */
export function sendEmailsJobs(outboxIds: readonly string[], opts: JobsOptions): JobToAdd<'send-emails'>[] {
  return batchesOf(outboxIds, EMAILS_PER_SEND_JOB).map((batch) => {
    const name = createHash('sha256').update(batch.join(',')).digest('base64url').slice(0, 24);
    return { data: { outboxIds: batch }, opts: { ...opts, jobId: `send-${name}` } };
  });
}

/** The one way to add a job: the name picks the queue and the payload's type, so neither can be wrong. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.rules) rules: Queue,
    @InjectQueue(QUEUES.signals) signals: Queue,
    @InjectQueue(QUEUES.emails) emails: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
    @InjectQueue(QUEUES.digests) digests: Queue,
    @InjectQueue(QUEUES.people) people: Queue,
  ) {
    this.queues = { rules, signals, emails, webhooks, digests, people };
  }

  /** Adds one job; a `jobId` already known to BullMQ adds nothing. */
  async enqueue<N extends JobName>(name: N, data: JobPayloads[N], opts?: JobsOptions): Promise<JobOf<N>> {
    return (await this.queueOf(name).add(name, data, opts)) as JobOf<N>;
  }

  /** Adds jobs of one name in one round trip. */
  async enqueueBulk<N extends JobName>(name: N, jobs: readonly JobToAdd<N>[]): Promise<void> {
    if (!jobs.length) return;
    await this.queueOf(name).addBulk(jobs.map(({ data, opts }) => ({ name, data, opts })));
  }

  /** Queues the notifier's work on new signals of a project ({@link signalsJobs}). */
  async enqueueSignals(projectId: string, signalIds: readonly string[]): Promise<void> {
    await this.enqueueBulk('signals', signalsJobs(projectId, signalIds));
  }

  /** Creates or updates a job scheduler that adds the job on `repeat`; upserting is idempotent. */
  async schedule<N extends JobName>(
    name: N,
    schedulerId: string,
    repeat: RepeatOptions,
    data: JobPayloads[N],
    opts?: JobsOptions,
  ): Promise<void> {
    await this.queueOf(name).upsertJobScheduler(schedulerId, repeat, { name, data, opts });
  }

  /** Whether the job of that name and id is still to run or running: waiting, delayed or active. */
  async isUnfinished(name: JobName, jobId: string): Promise<boolean> {
    const state = await this.queueOf(name).getJobState(jobId);
    return !['completed', 'failed', 'unknown'].includes(state);
  }

  private queueOf(name: JobName): Queue {
    return this.queues[JOB_QUEUE[name]];
  }
}
