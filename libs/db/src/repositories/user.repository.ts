import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';
import { type User } from '../team-schema';

/** Users, their password hashes and password-reset links. */
@Injectable()
export class UserRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  findByEmail(email: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  findById(id: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The user linked to an OpenID Connect identity (`issuer|sub`). */
  findByOidcSubject(subject: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('oidc_subject', '=', subject).executeTakeFirst();
  }

  /** Links a user to an OpenID Connect identity, unless one is linked already. */
  async linkOidcSubject(userId: string, subject: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ oidc_subject: subject })
      .where('id', '=', userId)
      .where('oidc_subject', 'is', null)
      .execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Creates a user, or returns the one with this email unchanged. */
  async findOrCreate(user: {
    id: string;
    email: string;
    name: string;
    passwordHash: string | null;
  }): Promise<User> {
    await this.db
      .insertInto('users')
      .values({ id: user.id, email: user.email, name: user.name, password_hash: user.passwordHash })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    return this.db.selectFrom('users').selectAll().where('email', '=', user.email).executeTakeFirstOrThrow();
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
  }

  async addPasswordReset(reset: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
    await this.db
      .insertInto('password_resets')
      .values({ token_hash: reset.tokenHash, user_id: reset.userId, expires_at: reset.expiresAt })
      .execute();
  }

  /** Marks an unused, unexpired reset link used and returns its user; undefined when it is not (any longer). */
  async usePasswordReset(tokenHash: string, now: Date): Promise<string | undefined> {
    const row = await this.db
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    return row?.user_id;
  }

  /** Ends every session of the user: sign-out everywhere, or a new password. */
  async deleteSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }
}
