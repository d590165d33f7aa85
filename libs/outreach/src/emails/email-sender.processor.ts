import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { settleAll } from '@bindery/contracts';
import { type ClaimedEmail, OutboxRepository, SUPPRESSED, SuppressionRepository } from '@bindery/db';
import { type JobHandlers, type JobOf, JobProcessor, JobProducer, QUEUES } from '@bindery/queue';
import { batchLoader } from './batch-loader';
import { EmailService, SEND_EMAIL_JOB } from './email.service';
import { classifySendError, MailTransport } from './mail-transport';

type SenderStep = { claim: { id: string; holder: string } } | { sent: { id: string; messageId: string } };

/**
 * How long claims and `sent` marks gather after the statement before them went out. Sends finish one by one,
 * so without it a statement carried two or three of them: 4,100–5,000 statements for 10,000 emails, against
 * 980–1,340 with it, and about a quarter less Postgres CPU (bench:notify; the send rate did not change).
 */
const STEP_LINGER_MS = 15;

/** How one row of a job ended. */
type Outcome = 'sent' | 'already handled' | 'suppressed' | 'failed' | 'retrying alone';

/** A send that may pass later (an SMTP 4xx, a dropped connection): its row is pending again. */
class SendDeferred extends Error {
  constructor(
    message: string,
    /** The row's attempts, this one included. */
    readonly attempt: number,
    options: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The job's id, which names it as the holder of the rows it claims (the same on each of its attempts). */
function holderOf(job: Job): string {
  if (!job.id) throw new Error(`a ${job.name} job without an id cannot hold outbox rows`);
  return job.id;
}

/**
 * Sends outbox rows, a `send-emails` job's side by side. The row, not the job, is the guard: a row is claimed
 * (pending → sending) for the job that sends it before the SMTP transaction, and marked sent as soon as the
 * server accepts it, so a job that runs again finds it sent and stops, and a job that names a row another job
 * holds leaves it to that one. A duplicate is possible only if the process dies between the server's acceptance
 * and that update (the mail thread's reply, then at most {@link STEP_LINGER_MS} and one database round trip,
 * shared by the sends accepted meanwhile): the retried job finds the row still sending, held by itself, and
 * sends again rather than lose it; the Message-ID (the row's id) stays the same, so a receiver can drop the
 * repeat. A row of a batch that fails for a while (an SMTP 4xx) goes back to pending and on alone, as a
 * `send-email` job with its own retries and back-off; the batch's other rows are not sent again.
 *
 * Four jobs at a time: with batches of 25, about a hundred sends in flight, queued on the pool's connections.
 */
@Processor(QUEUES.emails, { concurrency: 4, lockDuration: 15_000, stalledInterval: 5_000 })
export class EmailSenderProcessor extends JobProcessor<'emails'> {
  private readonly logger = new Logger(EmailSenderProcessor.name);
  /**
   * The claims and `sent` marks made side by side go out as one statement; a claim is answered with the row
   * taken for its holder, or undefined when there is nothing for it to send.
   */
  private readonly steps = batchLoader<SenderStep, ClaimedEmail | undefined>(
    async (steps) => {
      const taken = await this.outbox.advance({
        claim: steps.flatMap((s) => ('claim' in s ? [s.claim] : [])),
        sent: steps.flatMap((s) => ('sent' in s ? [s.sent] : [])),
      });
      const byId = new Map(taken.map((row) => [row.id, row]));
      return steps.map((s) => {
        if (!('claim' in s)) return undefined;
        const row = byId.get(s.claim.id);
        return row?.sending_holder === s.claim.holder ? row : undefined;
      });
    },
    { lingerMs: STEP_LINGER_MS },
  );

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly transport: MailTransport,
    private readonly emails: EmailService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'emails'> = {
    'send-emails': (job) => this.sendBatch(job),
    'send-email': (job) => this.sendOne(job),
    'feedback-shipped': async (job) => ({
      written: await this.emails.feedbackShipped(job.data.projectId, job.data.requestId, Date.now()),
    }),
  };

  /**
   * The job's rows side by side; how many ended each way. Every row has finished when a failure of the job's
   * own (not a send's) fails it, so that none is still sending when the job is retried under the same name.
   */
  private async sendBatch(job: JobOf<'send-emails'>): Promise<Partial<Record<Outcome, number>>> {
    const holder = holderOf(job);
    const outcomes = await settleAll(
      job.data.outboxIds.map((id) =>
        this.deliver(id, holder, false).catch(async (error: unknown): Promise<Outcome> => {
          if (error instanceof UnrecoverableError) return 'failed';
          if (!(error instanceof SendDeferred)) throw error;
          // Named by the attempt: a row deferred again later (in another job that named it) goes on again.
          await this.jobs.enqueue(
            'send-email',
            { outboxId: id },
            { ...SEND_EMAIL_JOB, jobId: `${id}.alone.${error.attempt}`, delay: SEND_EMAIL_JOB.backoff.delay },
          );
          return 'retrying alone';
        }),
      ),
    );
    const counts: Partial<Record<Outcome, number>> = {};
    for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
    return counts;
  }

  /** One row; a send that may pass later fails the job, for BullMQ to retry it with back-off. */
  private sendOne(job: JobOf<'send-email'>): Promise<Outcome> {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.deliver(job.data.outboxId, holderOf(job), lastAttempt);
  }

  /**
   * Claims the row for `holder` and sends it. A failed send is recorded on the row and thrown: one that may
   * pass (unless this was the last attempt) puts the row back to pending and throws SendDeferred; any other
   * marks the row failed (a bounce also suppresses the address) and throws an UnrecoverableError.
   */
  private async deliver(outboxId: string, holder: string, lastAttempt: boolean): Promise<Outcome> {
    const row = await this.steps.load({ claim: { id: outboxId, holder } });
    if (!row) return 'already handled';
    if (row.suppressed) {
      await this.outbox.markSkipped(row.id, SUPPRESSED);
      return 'suppressed';
    }
    try {
      const messageId = await this.transport.send({
        id: row.id,
        to: row.recipient,
        subject: row.subject,
        html: row.html,
        text: row.text,
        headers: row.headers as Record<string, string>,
        from: row.from_address === null ? undefined : { name: row.from_name, address: row.from_address },
      });
      await this.steps.load({ sent: { id: row.id, messageId } });
      return 'sent';
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const kind = classifySendError(error);
      this.logger.warn({ outboxId: row.id, kind, attempt: row.attempts, err: reason }, 'send failed');
      if (kind === 'transient' && !lastAttempt) {
        await this.outbox.release(row.id, reason);
        throw new SendDeferred(reason, row.attempts, { cause: error });
      }
      await this.outbox.markFailed(row.id, reason);
      if (kind === 'bounce') await this.suppressions.add(row.project_id, row.recipient, 'bounced');
      throw new UnrecoverableError(reason);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(
      { jobId: job?.id, attempt: job?.attemptsMade, err: error },
      `${job?.name ?? 'job'} failed`,
    );
  }
}
