import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig, makePrivateDir } from '@bindery/config';
import { generateKey, hashKey, matchesHash } from './keys';

/**
 * The operator's token for admin calls: BINDERY_ADMIN_TOKEN, or one generated on first start whose hash is
 * kept in DATA_DIR/admin-token.sha256 and whose value is printed once, then never again.
 */
@Injectable()
export class AdminTokenService implements OnModuleInit {
  private readonly logger = new Logger(AdminTokenService.name);
  private tokenHash = '';
  /** Set only on the start that generated the token, so that the app can print it once. */
  generatedToken: string | undefined;

  constructor(@Inject(BINDERY_CONFIG) private readonly config: BinderyConfig) {}

  onModuleInit(): void {
    if (this.config.adminToken) {
      this.tokenHash = hashKey(this.config.adminToken);
      return;
    }
    const file = join(this.config.dataDir, 'admin-token.sha256');
    if (existsSync(file)) {
      this.tokenHash = readFileSync(file, 'utf8').trim();
      return;
    }
    const token = generateKey('secret').replace(/^sk_/, 'adm_');
    makePrivateDir(this.config.dataDir);
    writeFileSync(file, `${hashKey(token)}\n`, { mode: 0o600 });
    this.tokenHash = hashKey(token);
    this.generatedToken = token;
    this.logger.log(
      { file },
      'Generated an admin token; it is printed once at start-up and stored only as a hash',
    );
  }

  matches(token: string | undefined): boolean {
    return token !== undefined && matchesHash(token, this.tokenHash);
  }
}
