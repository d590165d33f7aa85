import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';
import { type Invite, type InvitesTable } from '../team-schema';

/** Invitations to a project, by the hash of their one-time link. */
@Injectable()
export class InviteRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(invite: {
    id: string;
    projectId: string;
    email: string;
    role: InvitesTable['role'];
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.db
      .insertInto('invites')
      .values({
        id: invite.id,
        project_id: invite.projectId,
        email: invite.email,
        role: invite.role,
        token_hash: invite.tokenHash,
        invited_by: invite.invitedBy,
        expires_at: invite.expiresAt,
      })
      .execute();
  }

  findByHash(tokenHash: string): Promise<Invite | undefined> {
    return this.db.selectFrom('invites').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks the invite accepted; false when it was accepted or expired meanwhile (a link works once). */
  async accept(id: string, now: Date): Promise<boolean> {
    const result = await this.db
      .updateTable('invites')
      .set({ accepted_at: now })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
