import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';

/** Server-side dashboard sessions, by the hash of their cookie. */
@Injectable()
export class SessionRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(session: { idHash: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({ id_hash: session.idHash, user_id: session.userId, expires_at: session.expiresAt })
      .execute();
  }

  /**
   * The live session's user, its last use moved to now; undefined (and the row deleted) once it has passed its
   * absolute end or been idle since `idleSince`.
   */
  async touch(idHash: string, now: Date, idleSince: Date): Promise<{ user_id: string } | undefined> {
    const live = await this.db
      .updateTable('sessions')
      .set({ last_seen_at: now })
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now)
      .where('last_seen_at', '>', idleSince)
      .returning('user_id')
      .executeTakeFirst();
    if (!live) await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return live;
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }
}
