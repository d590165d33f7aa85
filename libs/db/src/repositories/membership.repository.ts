import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { type MemberRole, type P1Notice } from '@bindery/contracts';
import { DB } from '../database';
import { type Database } from '../schema';

export interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: MemberRole;
  p1_notice: P1Notice;
  created_at: Date;
}

/** Who belongs to which project, with which role. */
@Injectable()
export class MembershipRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async roleOf(projectId: string, userId: string): Promise<MemberRole | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .select('role')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role;
  }

  listByProject(projectId: string): Promise<MemberRow[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['user_id', 'users.email', 'users.name', 'role', 'p1_notice', 'memberships.created_at'])
      .where('project_id', '=', projectId)
      .orderBy('users.email')
      .execute();
  }

  /** The P1 notice of the member with this address (any case); undefined when no member has it. */
  async p1NoticeOf(projectId: string, email: string): Promise<P1Notice | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select('p1_notice')
      .where('project_id', '=', projectId)
      .where('users.email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row?.p1_notice;
  }

  listByUser(userId: string): Promise<{ project_id: string; name: string; role: MemberRole }[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('projects', 'projects.id', 'memberships.project_id')
      .select(['project_id', 'projects.name', 'role'])
      .where('user_id', '=', userId)
      .orderBy('projects.name')
      .execute();
  }

  /** Adds the user to the project, or changes their role there. */
  async upsert(projectId: string, userId: string, role: MemberRole): Promise<void> {
    await this.db
      .insertInto('memberships')
      .values({ project_id: projectId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['project_id', 'user_id']).doUpdateSet({ role }))
      .execute();
  }

  /** Changes a member's role or P1 notice; false when they are not a member. */
  async update(
    projectId: string,
    userId: string,
    change: { role?: MemberRole; p1_notice?: P1Notice },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('memberships')
      .set(change)
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async remove(projectId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('memberships')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async countOwners(projectId: string): Promise<number> {
    const row = await this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('project_id', '=', projectId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
