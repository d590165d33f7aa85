import { Injectable } from '@nestjs/common';
import { InvalidInput, type OutboxList, type OutboxListQuery } from '@bindery/contracts';
import { OutboxRepository, type OutboxStatus, SuppressionRepository } from '@bindery/db';
import { JobProducer } from '@bindery/queue';
import { SEND_EMAIL_JOB } from './email.service';
import { SigningKey } from './signing-key';
import { readUnsubscribeToken, type Unsubscriber } from './unsubscribe-token';
import { decodeCreatedCursor, encodeCreatedCursor } from '@bindery/event-queries';

/** The outbox as the API shows it, and unsubscribing from a signed link. */
@Injectable()
export class EmailsApiService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly signingKey: SigningKey,
    private readonly jobs: JobProducer,
  ) {}

  async list(projectId: string, q: OutboxListQuery): Promise<OutboxList> {
    const rows = await this.outbox.list(projectId, {
      status: q.status as OutboxStatus | undefined,
      recipient: q.recipient?.toLowerCase(),
      accountId: q.accountId,
      limit: q.limit + 1,
      before: q.cursor === undefined ? undefined : decodeCreatedCursor(q.cursor),
    });
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      emails: page.map((r) => ({
        id: r.id,
        kind: r.kind,
        recipient: r.recipient,
        subject: r.subject,
        status: r.status,
        attempts: r.attempts,
        lastError: r.last_error,
        skipReason: r.skip_reason,
        signalId: r.signal_id,
        createdAt: r.created_at.toISOString(),
        sentAt: r.sent_at?.toISOString() ?? null,
      })),
      nextCursor: rows.length > q.limit && last ? encodeCreatedCursor(last.created_at, last.id) : null,
    };
  }

  /**
   * Sends the project's failed emails again (after an SMTP outage, say): each goes back to pending under a
   * new job; the sender still skips a suppressed address, so a bounced one stays unsent.
   */
  async replayFailed(projectId: string): Promise<{ replayed: number }> {
    const ids = await this.outbox.requeueFailed(projectId);
    const at = Date.now();
    await this.jobs.enqueueBulk(
      'send-email',
      ids.map((id) => ({ data: { outboxId: id }, opts: { jobId: `${id}.replay.${at}`, ...SEND_EMAIL_JOB } })),
    );
    return { replayed: ids.length };
  }

  /** The address an unsubscribe link is for; a token this server did not sign is refused. */
  unsubscriber(token: string): string {
    return this.read(token).email;
  }

  /** Suppresses the address the token names, at once; a token this server did not sign is refused. */
  async unsubscribe(token: string): Promise<string> {
    const who = this.read(token);
    await this.suppressions.add(who.projectId, who.email, 'unsubscribed');
    return who.email;
  }

  private read(token: string): Unsubscriber {
    const who = readUnsubscribeToken(token, this.signingKey.value);
    if (!who) throw InvalidInput('this unsubscribe link is not valid');
    return who;
  }
}
