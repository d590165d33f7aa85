import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database } from '../schema';

/** Who did what to a project: key rotations, project creation and, later, settings changes. */
@Injectable()
export class AuditRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async record(entry: {
    projectId: string | null;
    actor: string;
    action: string;
    details?: object;
  }): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        project_id: entry.projectId,
        actor: entry.actor,
        action: entry.action,
        details: JSON.stringify(entry.details ?? {}),
      })
      .execute();
  }

  listByProject(
    projectId: string,
  ): Promise<{ actor: string; action: string; details: unknown; created_at: Date }[]> {
    return this.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'details', 'created_at'])
      .where('project_id', '=', projectId)
      .orderBy('created_at', 'desc')
      .execute();
  }
}
