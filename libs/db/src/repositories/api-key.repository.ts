import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type ApiKey, type Database } from '../schema';
import { type NewKey } from './project.repository';

/** API keys, looked up by hash only. */
@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  findActiveByHash(keyHash: string): Promise<Pick<ApiKey, 'id' | 'project_id' | 'kind'> | undefined> {
    return this.db
      .selectFrom('api_keys')
      .select(['id', 'project_id', 'kind'])
      .where('key_hash', '=', keyHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  }

  /** Revokes the project's active keys of the new key's kind and stores the new one, atomically. */
  async replace(projectId: string, key: NewKey): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const revoked = await trx
        .updateTable('api_keys')
        .set({ revoked_at: new Date() })
        .where('project_id', '=', projectId)
        .where('kind', '=', key.kind)
        .where('revoked_at', 'is', null)
        .returning('key_hash')
        .execute();
      await trx
        .insertInto('api_keys')
        .values({
          id: key.id,
          project_id: projectId,
          kind: key.kind,
          key_hash: key.keyHash,
          key_hint: key.keyHint,
        })
        .execute();
      return revoked.map((r) => r.key_hash);
    });
  }
}
