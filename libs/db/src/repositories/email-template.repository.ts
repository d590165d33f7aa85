import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { isUniqueViolation } from '../unique-violation';
import { type Database, type EmailTemplate } from '../schema';

/** What a template holds besides its name: the subject and both bodies, as the renderer reads them. */
export interface EmailTemplateFields {
  name: string;
  subject: string;
  html: string;
  text: string;
}

const UNIQUE_NAME = 'email_templates_project_name_unique';

const nameTaken = (name?: string) =>
  Conflict(
    name === undefined
      ? 'An email template of this name already exists in this project'
      : `An email template named "${name}" already exists in this project`,
  );

/** A project's email templates, one name each; every query is scoped by project. */
@Injectable()
export class EmailTemplateRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  async create(projectId: string, id: string, fields: EmailTemplateFields): Promise<EmailTemplate> {
    try {
      return await this.db
        .insertInto('email_templates')
        .values({
          id,
          project_id: projectId,
          name: fields.name,
          subject: fields.subject,
          html: fields.html,
          text: fields.text,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_NAME)) throw nameTaken(fields.name);
      throw error;
    }
  }

  /** A project's templates, by name. */
  list(projectId: string): Promise<EmailTemplate[]> {
    return this.db
      .selectFrom('email_templates')
      .selectAll()
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute();
  }

  findByName(projectId: string, name: string): Promise<EmailTemplate | undefined> {
    return this.db
      .selectFrom('email_templates')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('name', '=', name)
      .executeTakeFirst();
  }

  findById(projectId: string, id: string): Promise<EmailTemplate | undefined> {
    return this.db
      .selectFrom('email_templates')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Changes the given fields and bumps `updated_at`; undefined when the project has no such template. */
  async update(
    projectId: string,
    id: string,
    patch: Partial<EmailTemplateFields>,
  ): Promise<EmailTemplate | undefined> {
    try {
      return await this.db
        .updateTable('email_templates')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.subject !== undefined && { subject: patch.subject }),
          ...(patch.html !== undefined && { html: patch.html }),
          ...(patch.text !== undefined && { text: patch.text }),
          updated_at: sql<Date>`now()`,
        })
        .where('project_id', '=', projectId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    } catch (error) {
      if (isUniqueViolation(error, UNIQUE_NAME)) throw nameTaken(patch.name);
      throw error;
    }
  }

  /** Whether the project had such a template to delete. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('email_templates')
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
