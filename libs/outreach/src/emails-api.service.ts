import { Injectable } from '@nestjs/common';
import { InvalidInput, type OutboxList, type OutboxListQuery } from '@bindery/contracts';
import { OutboxRepository, type OutboxStatus, SuppressionRepository } from '@bindery/db';
import { SigningKey } from './signing-key';
import { readUnsubscribeToken } from './unsubscribe-token';
import { decodeCreatedCursor, encodeCreatedCursor } from '@bindery/event-queries';

/** The outbox as the API shows it, and unsubscribing from a signed link. */
@Injectable()
export class EmailsApiService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly signingKey: SigningKey,
  ) {}

  async list(projectId: string, q: OutboxListQuery): Promise<OutboxList> {
    const rows = await this.outbox.list(projectId, {
      status: q.status as OutboxStatus | undefined,
      recipient: q.recipient?.toLowerCase(),
      limit: q.limit + 1,
      before: q.cursor === undefined ? undefined : decodeCreatedCursor(q.cursor),
    });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
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
      nextCursor: rows.length > q.limit ? encodeCreatedCursor(last.created_at, last.id) : null,
    };
  }

  /** Suppresses the address the token names, at once; a token this server did not sign is refused. */
  async unsubscribe(token: string): Promise<string> {
    const who = readUnsubscribeToken(token, this.signingKey.value);
    if (!who) throw InvalidInput('this unsubscribe link is not valid');
    await this.suppressions.add(who.projectId, who.email, 'unsubscribed');
    return who.email;
  }
}
