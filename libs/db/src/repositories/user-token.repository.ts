import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { type TokenScope } from '@bindery/contracts';
import { DB } from '../database';
import { type Database } from '../schema';
import { type UserToken } from '../team-schema';

/** Personal API tokens, looked up by hash. */
@Injectable()
export class UserTokenRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(token: {
    id: string;
    userId: string;
    name: string;
    scope: TokenScope;
    tokenHash: string;
    tokenHint: string;
    expiresAt: Date;
  }): Promise<UserToken> {
    return this.db
      .insertInto('user_tokens')
      .values({
        id: token.id,
        user_id: token.userId,
        name: token.name,
        scope: token.scope,
        token_hash: token.tokenHash,
        token_hint: token.tokenHint,
        expires_at: token.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** The live token of this hash, its last use set to now. */
  use(
    tokenHash: string,
    now: Date,
  ): Promise<Pick<UserToken, 'id' | 'user_id' | 'name' | 'scope'> | undefined> {
    return this.db
      .updateTable('user_tokens')
      .set({ last_used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .returning(['id', 'user_id', 'name', 'scope'])
      .executeTakeFirst();
  }

  listByUser(userId: string): Promise<UserToken[]> {
    return this.db
      .selectFrom('user_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  }

  async revoke(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('user_tokens')
      .set({ revoked_at: new Date() })
      .where('id', '=', tokenId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
