import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { type KeyKind, Unauthorized } from '@bindery/contracts';
import { ApiKeyRepository } from '@bindery/db';
import { generateKey, hashKey, keyHint } from './keys';

interface CachedKey {
  projectId: string;
  kind: KeyKind;
  expiresAt: number;
}

const MAX_CACHED_KEYS = 10_000;

/**
 * Resolves API keys to their project. Hits are cached for KEY_CACHE_TTL_MS so that ingest does not ask
 * Postgres on every request; a rotation here forgets the old key at once, other replicas within the TTL.
 */
@Injectable()
export class ProjectKeysService {
  private readonly cache = new Map<string, CachedKey>();
  private readonly ttlMs: number;

  constructor(
    private readonly keys: ApiKeyRepository,
    @Inject(BINDERY_CONFIG) config: BinderyConfig,
  ) {
    this.ttlMs = config.keyCacheTtlMs;
  }

  /** The project a key of this kind belongs to; Unauthorized when it is unknown, revoked or of another kind. */
  async resolve(key: string | undefined, kind: KeyKind): Promise<string> {
    if (!key) throw Unauthorized(kind === 'write' ? 'Missing write key' : 'Missing secret key');
    const hash = hashKey(key);
    const now = Date.now();
    let entry = this.cache.get(hash);
    if (!entry || entry.expiresAt <= now) {
      const row = await this.keys.findActiveByHash(hash);
      if (!row) {
        this.cache.delete(hash);
        throw Unauthorized(`Unknown or revoked ${kind} key`);
      }
      entry = { projectId: row.project_id, kind: row.kind, expiresAt: now + this.ttlMs };
      if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
      if (this.ttlMs > 0) this.cache.set(hash, entry);
    }
    if (entry.kind !== kind) throw Unauthorized(`This is not a ${kind} key`);
    return entry.projectId;
  }

  /** Issues a new key of a kind for a project and revokes the previous one. */
  async rotate(projectId: string, kind: KeyKind): Promise<string> {
    const key = generateKey(kind);
    const revoked = await this.keys.replace(projectId, {
      id: uuidv7(),
      kind,
      keyHash: hashKey(key),
      keyHint: keyHint(kind, key),
    });
    for (const hash of revoked) this.cache.delete(hash);
    return key;
  }
}
