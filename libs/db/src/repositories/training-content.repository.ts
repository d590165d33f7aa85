import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import { type Database, type TrainingContent } from '../schema';

/** A piece of training content: what it teaches (`key`: a feature name or `funnel:<id>:step:<n>`) and where. */
export interface TrainingContentFields {
  key: string;
  title: string;
  url: string;
  summary: string;
}

const UNIQUE_KEY = 'training_content_project_key_unique';

const keyTaken = (key?: string) =>
  Conflict(
    key === undefined
      ? 'Training content for this key already exists in this project'
      : `Training content for "${key}" already exists in this project`,
  );

/** The training content a project links in its emails, one piece per key; every query is scoped by project. */
@Injectable()
export class TrainingContentRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(projectId: string, id: string, fields: TrainingContentFields): Promise<TrainingContent> {
    try {
      return await this.db
        .insertInto('training_content')
        .values({
          id,
          project_id: projectId,
          key: fields.key,
          title: fields.title,
          url: fields.url,
          summary: fields.summary,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_KEY)) throw keyTaken(fields.key);
      throw error;
    }
  }

  /** A project's training content, by key. */
  list(projectId: string): Promise<TrainingContent[]> {
    return this.db
      .selectFrom('training_content')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('key')
      .execute();
  }

  findByKey(projectId: string, key: string): Promise<TrainingContent | undefined> {
    return this.db
      .selectFrom('training_content')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('key', '=', key)
      .executeTakeFirst();
  }

  findById(projectId: string, id: string): Promise<TrainingContent | undefined> {
    return this.db
      .selectFrom('training_content')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Changes the given fields and bumps `updated_at`; undefined when the project has no such content. */
  async update(
    projectId: string,
    id: string,
    patch: Partial<TrainingContentFields>,
  ): Promise<TrainingContent | undefined> {
    try {
      return await this.db
        .updateTable('training_content')
        .set({
          ...(patch.key !== undefined && { key: patch.key }),
          ...(patch.title !== undefined && { title: patch.title }),
          ...(patch.url !== undefined && { url: patch.url }),
          ...(patch.summary !== undefined && { summary: patch.summary }),
          updated_at: sql<Date>`now()`,
        })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_KEY)) throw keyTaken(patch.key);
      throw error;
    }
  }

  /** Whether the project had such content to delete. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('training_content')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
