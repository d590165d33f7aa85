import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { v7 as uuidv7 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';

/**
 * Invitations and password-reset links by email: SMTP when SMTP_URL is set, otherwise `.eml` files under
 * DATA_DIR/outbox, as the outreach emails go.
 */
@Injectable()
export class TeamMail implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly outboxDir?: string;

  constructor(@Inject(BINDERY_CONFIG) private readonly config: BinderyConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
    else {
      this.outboxDir = join(config.dataDir, 'outbox');
      this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  /** Sends a plain-text message; the address was checked by the caller (a plain local@domain). */
  async send(to: string, subject: string, text: string): Promise<void> {
    const id = uuidv7();
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to,
      subject,
      text,
      messageId: `<${id}@bindery>`,
    })) as { message?: Buffer };
    if (this.outboxDir) {
      mkdirSync(this.outboxDir, { recursive: true });
      writeFileSync(join(this.outboxDir, `team-${id}.eml`), info.message ?? Buffer.alloc(0));
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
