import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type CreatedToken,
  type CreateTokenBody,
  Forbidden,
  NotFound,
  type TokenInfo,
} from '@bindery/contracts';
import { AuditRepository, type UserToken, UserTokenRepository } from '@bindery/db';
import { hashKey } from '../keys';
import { type Principal } from './principal';
import { USER_TOKEN_PREFIX } from './principals.service';

/** Personal API tokens: made by their user, shown once, stored as a hash, revocable. */
@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: UserTokenRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** A token of a session's user; a token cannot make another (a read-only one would make itself writable). */
  async create(user: Extract<Principal, { kind: 'user' }>, body: CreateTokenBody): Promise<CreatedToken> {
    if (user.via === 'token') throw Forbidden('Make personal tokens from a dashboard session');
    const userId = user.userId;
    const actor = user.actor;
    const token = USER_TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = await this.tokens.create({
      id: uuidv7(),
      userId,
      name: body.name.trim(),
      scope: body.scope,
      tokenHash: hashKey(token),
      tokenHint: `${token.slice(0, 8)}…`,
      expiresAt: new Date(Date.now() + body.expiresInDays * 86_400_000),
    });
    await this.audit.record({
      projectId: null,
      actor,
      action: 'token.created',
      details: { tokenId: row.id, name: row.name, scope: row.scope },
    });
    return { ...toInfo(row), token };
  }

  async list(userId: string): Promise<TokenInfo[]> {
    return (await this.tokens.listByUser(userId)).map(toInfo);
  }

  async revoke(userId: string, tokenId: string, actor: string): Promise<void> {
    if (!(await this.tokens.revoke(userId, tokenId))) throw NotFound('No such token');
    await this.audit.record({ projectId: null, actor, action: 'token.revoked', details: { tokenId } });
  }
}

function toInfo(row: UserToken): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    hint: row.token_hint,
    expiresAt: row.expires_at.toISOString(),
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
