import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { type ClaimedEmail, OutboxRepository, SUPPRESSED, SuppressionRepository } from '@bindery/db';
import { type JobHandlers, type JobOf, JobProcessor, QUEUES } from '@bindery/queue';
import { batchLoader } from './batch-loader';
import { EmailService } from './email.service';
import { classifySendError, MailTransport } from './mail-transport';

type SenderStep = { claim: string } | { sent: { id: string; messageId: string } };

/**
 * Sends outbox rows. The row, not the job, is the guard: a row is claimed (pending → sending) before the
 * SMTP transaction and marked sent as soon as the server accepts it, so a job that runs again finds it sent
 * and stops. A duplicate is possible only if the process dies between the server's acceptance and that
 * update (the rest of that turn of the event loop and one database round trip, shared by the sends accepted
 * in the same turn): the retried job finds the row still `sending` and sends again rather than lose it; the
 * Message-ID (the row's id) stays the same, so a receiver can drop the repeat.
 */
@Processor(QUEUES.emails, { concurrency: 20, lockDuration: 15_000, stalledInterval: 5_000 })
export class EmailSenderProcessor extends JobProcessor<'emails'> {
  private readonly logger = new Logger(EmailSenderProcessor.name);
  /**
   * The jobs' claims and `sent` marks made side by side go out as one statement; a claim is answered with the
   * row taken, or undefined when there is nothing to send.
   */
  private readonly steps = batchLoader<SenderStep, ClaimedEmail | undefined>(async (steps) => {
    const taken = await this.outbox.advance({
      claim: steps.flatMap((s) => ('claim' in s ? [s.claim] : [])),
      sent: steps.flatMap((s) => ('sent' in s ? [s.sent] : [])),
    });
    const byId = new Map(taken.map((row) => [row.id, row]));
    return steps.map((s) => ('claim' in s ? byId.get(s.claim) : undefined));
  });

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly transport: MailTransport,
    private readonly emails: EmailService,
  ) {
    super();
  }

  readonly handlers: JobHandlers<'emails'> = {
    'send-email': (job) => this.send(job),
    'feedback-shipped': async (job) => ({
      written: await this.emails.feedbackShipped(job.data.projectId, job.data.requestId, Date.now()),
    }),
  };

  private async send(job: JobOf<'send-email'>): Promise<string> {
    const row = await this.steps.load({ claim: job.data.outboxId });
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
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn({ outboxId: row.id, kind, attempt: job.attemptsMade + 1, err: reason }, 'send failed');
      if (kind === 'transient' && !lastAttempt) {
        await this.outbox.release(row.id, reason);
        throw error;
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
