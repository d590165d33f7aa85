import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig, makePrivateDir } from '@bindery/config';

/** The HMAC key of unsubscribe links: SIGNING_SECRET, or a random one kept under DATA_DIR (embedded mode). */
@Injectable()
export class SigningKey implements OnModuleInit {
  private key = '';

  constructor(@Inject(BINDERY_CONFIG) private readonly config: BinderyConfig) {}

  onModuleInit(): void {
    if (this.config.signingSecret) {
      this.key = this.config.signingSecret;
      return;
    }
    const file = join(this.config.dataDir, 'signing.key');
    if (!existsSync(file)) {
      makePrivateDir(this.config.dataDir);
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    this.key = readFileSync(file, 'utf8').trim();
  }

  get value(): string {
    return this.key;
  }
}
