import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import { type Database, type Funnel, type FunnelDefinition } from '../schema';

/** What a funnel's name, description and definition become on create or replace. */
export interface FunnelFields {
  name: string;
  description: string;
  definition: FunnelDefinition;
}

const UNIQUE_NAME = 'funnels_project_name_unique';

/** Whether a write failed because the project already has a funnel of that name. */
const isNameTaken = (error: unknown) => isUniqueViolation(error, UNIQUE_NAME);

const nameTaken = (name: string) => Conflict(`A funnel named "${name}" already exists in this project`);

/** Saved funnels; every query is scoped by project, so one project never reads or changes another's. */
@Injectable()
export class FunnelRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(projectId: string, id: string, fields: FunnelFields): Promise<Funnel> {
    try {
      return await this.db
        .insertInto('funnels')
        .values({
          id,
          project_id: projectId,
          name: fields.name,
          description: fields.description,
          definition: JSON.stringify(fields.definition),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken(fields.name);
      throw error;
    }
  }

  findByProject(projectId: string): Promise<Funnel[]> {
    return this.db
      .selectFrom('funnels')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute();
  }

  findById(projectId: string, id: string): Promise<Funnel | undefined> {
    return this.db
      .selectFrom('funnels')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Replaces a funnel's fields; undefined when the project has no such funnel. */
  async update(projectId: string, id: string, fields: FunnelFields): Promise<Funnel | undefined> {
    try {
      return await this.db
        .updateTable('funnels')
        .set({
          name: fields.name,
          description: fields.description,
          definition: JSON.stringify(fields.definition),
          updated_at: sql<Date>`now()`,
        })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isNameTaken(error)) throw nameTaken(fields.name);
      throw error;
    }
  }

  /** Whether the project had such a funnel to delete. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('funnels')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
