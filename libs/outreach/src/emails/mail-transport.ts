import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';

/** One message as the outbox holds it. */
export interface OutgoingMail {
  /** The outbox row's id: also the Message-ID, so a receiver can recognise a repeat. */
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Whom it comes from (a project's brand sender); left out: MAIL_FROM. */
  from?: { name: string | null; address: string };
}

/** How a failed send is handled: retried later, failed for good, or failed and the address suppressed. */
export type SendFailure = 'transient' | 'permanent' | 'bounce';

const BOUNCE_CODES = new Set([550, 551, 553]);

/**
 * Reads a nodemailer error: a 4xx reply or a lost connection is transient, a 5xx reply permanent, and a
 * refused mailbox (550, 551, 553) a hard bounce.
 */
export function classifySendError(error: unknown): SendFailure {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code !== 'number') return 'transient';
  if (code >= 500) return BOUNCE_CODES.has(code) ? 'bounce' : 'permanent';
  return 'transient';
}

/** Pooled SMTP when SMTP_URL is set; otherwise `.eml` files under DATA_DIR/outbox (the embedded default). */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly outboxDir?: string;

  constructor(@Inject(BINDERY_CONFIG) private readonly config: BinderyConfig) {
    if (config.smtpUrl) {
      // nodemailer reads a URL's options from its query, and only from there when given a URL.
      const url = new URL(config.smtpUrl);
      url.searchParams.set('pool', 'true');
      url.searchParams.set('maxConnections', '5');
      this.transport = createTransport(url.toString());
    } else {
      this.outboxDir = join(config.dataDir, 'outbox');
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  /** Sends, resolving once the server accepted the message (or the file is written); returns the Message-ID. */
  async send(mail: OutgoingMail): Promise<string> {
    const messageId = `<${mail.id}@bindery>`;
    const info = (await this.transport.sendMail({
      // nodemailer encodes the name as a MIME word when it needs one; the settings allow no line break in it.
      from: mail.from ? { name: mail.from.name ?? '', address: mail.from.address } : this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: mail.headers,
      messageId,
    })) as { message?: Buffer };
    if (this.outboxDir) {
      mkdirSync(this.outboxDir, { recursive: true });
      writeFileSync(join(this.outboxDir, `${mail.id}.eml`), info.message ?? Buffer.alloc(0));
    }
    return messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
