import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { repeatEvery } from '@bindery/server';
import { SEND_EMAIL_JOB } from './email.service';

/**
 * How long a row stays sending before it may be stranded: longer than one send can take (nodemailer gives up
 * on a silent connection after ten minutes), so a row released for another job is never still being sent by
 * its first one.
 */
export const STRANDED_AFTER_MS = 20 * 60_000;

/** How often each notifier looks for stranded rows. */
const CHECK_MS = 5 * 60_000;

/**
 * Sends again the outbox rows whose send job ended for good while they were sending: BullMQ fails a job that
 * stalls twice (its process died twice while it ran), and nothing else would take its rows. A row held by a
 * job that is still waiting, delayed or running stays with it. Each released row goes on alone, with its own
 * retries. Replicas may check at once: a row is released by one update, which only one of them makes.
 */
@Injectable()
export class StrandedEmails implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StrandedEmails.name);
  private stop?: () => void;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.stop = repeatEvery(
      CHECK_MS,
      () => this.release(Date.now()),
      (error) => this.logger.warn({ err: error }, 'could not look for stranded emails'),
    );
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  /** Releases the rows stranded as of `now` and queues each alone; returns how many. */
  async release(now: number): Promise<number> {
    const before = new Date(now - STRANDED_AFTER_MS);
    const ended: (string | null)[] = [];
    for (const holder of await this.outbox.heldSince(before)) {
      if (holder === null || !(await this.jobs.isUnfinished('send-emails', holder))) ended.push(holder);
    }
    const ids = await this.outbox.releaseHeld(ended, before, 'its send job ended before sending it');
    await this.jobs.enqueueBulk(
      'send-email',
      ids.map((id) => ({
        data: { outboxId: id },
        opts: { ...SEND_EMAIL_JOB, jobId: `${id}.released.${now}` },
      })),
    );
    if (ids.length > 0) this.logger.warn({ released: ids.length }, 'sending again emails a send job left');
    return ids.length;
  }
}
