import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database, type Suppression, type SuppressionReason } from '../schema';

/** Addresses are kept and compared lower-case: `Ann@X.io` unsubscribed is `ann@x.io` unsubscribed. */
const normalize = (email: string) => email.toLowerCase();

/** The addresses a project must not email (unsubscribed or bounced); every query is scoped by project. */
@Injectable()
export class SuppressionRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** Suppresses an address; again is a no-op that keeps the first reason. The suppression as stored. */
  async add(projectId: string, email: string, reason: SuppressionReason): Promise<Suppression> {
    const inserted = await this.db
      .insertInto('suppressions')
      .values({ project_id: projectId, email: normalize(email), reason })
      .onConflict((oc) => oc.columns(['project_id', 'email']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted !== undefined) return inserted;
    return this.db
      .selectFrom('suppressions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('email', '=', normalize(email))
      .executeTakeFirstOrThrow();
  }

  /** A project's suppressed addresses, by address. */
  list(projectId: string): Promise<Suppression[]> {
    return this.db
      .selectFrom('suppressions')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('email')
      .execute();
  }
}
