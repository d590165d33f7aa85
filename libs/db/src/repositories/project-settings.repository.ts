import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { DB } from '../database';
import { type ProjectSettings } from '@bindery/contracts';
import { type Database } from '../schema';

/** How long a process may go on using its copy of a project's retention (ingest's stamp) after it changed. */
export const RETENTION_CACHE_MS = 5_000;

/** Each project's settings object (absent until first saved). */
@Injectable()
export class ProjectSettingsRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async get(projectId: string): Promise<Partial<ProjectSettings> | undefined> {
    const row = await this.db
      .selectFrom('project_settings')
      .select('settings')
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row?.settings;
  }

  /**
   * Stores `settings` in place of `expected`, the object {@link get} read (undefined: none stored yet), and
   * answers whether it did: false when another change was stored meanwhile (the objects compared as JSON values,
   * whatever the order of their keys).
   */
  async replace(
    projectId: string,
    expected: Partial<ProjectSettings> | undefined,
    settings: ProjectSettings,
  ): Promise<boolean> {
    const json = JSON.stringify(settings);
    const stored =
      expected === undefined
        ? await this.db
            .insertInto('project_settings')
            .values({ project_id: projectId, settings: json })
            .onConflict((oc) => oc.column('project_id').doNothing())
            .returning('project_id')
            .executeTakeFirst()
        : await this.db
            .updateTable('project_settings')
            .set({ settings: json, updated_at: sql<Date>`now()` })
            .where('project_id', '=', projectId)
            .where('settings', '=', sql<Partial<ProjectSettings>>`cast(${JSON.stringify(expected)} as jsonb)`)
            .returning('project_id')
            .executeTakeFirst();
    return stored !== undefined;
  }
}
