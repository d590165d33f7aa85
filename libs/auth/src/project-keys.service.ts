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
 * Postgres on every request, and the requests that find a key uncached (its entry just expired, under load
 * hundreds at once) share one read of it. A rotation here forgets the old key at once, also when a read of it
 * was under way (its answer is not cached); other replicas forget it within the TTL.
 */
@Injectable()
export class ProjectKeysService {
  private readonly cache = new Map<string, CachedKey>();
  /** The reads under way, by key hash; a rotation removes its keys', so that their answers are not cached. */
  private readonly reading = new Map<string, Promise<CachedKey | undefined>>();
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
    const cached = this.cache.get(hash);
    const entry = cached && cached.expiresAt > Date.now() ? cached : await this.read(hash);
    if (!entry) throw Unauthorized(`Unknown or revoked ${kind} key`);
    if (entry.kind !== kind) throw Unauthorized(`This is not a ${kind} key`);
    return entry.projectId;
  }

  /** The key's project and kind from Postgres (undefined: unknown or revoked), one read per key at a time. */
  private read(hash: string): Promise<CachedKey | undefined> {
    let reading = this.reading.get(hash);
    if (!reading) {
      reading = this.keys
        .findActiveByHash(hash)
        .then((row) => {
          if (!row) {
            this.cache.delete(hash);
            return undefined;
          }
          const entry = { projectId: row.project_id, kind: row.kind, expiresAt: Date.now() + this.ttlMs };
          if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
          if (this.ttlMs > 0 && this.reading.get(hash) === reading) this.cache.set(hash, entry);
          return entry;
        })
        .finally(() => {
          if (this.reading.get(hash) === reading) this.reading.delete(hash);
        });
      this.reading.set(hash, reading);
    }
    return reading;
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
    for (const hash of revoked) {
      this.cache.delete(hash);
      // A read begun before the rotation answers its own requests only; later ones read the key afresh.
      this.reading.delete(hash);
    }
    return key;
  }
}
