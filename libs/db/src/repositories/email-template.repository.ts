import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { type Database, type EmailTemplate } from '../schema';
import { KeyedDocuments } from './keyed-documents';

/** What a template holds besides its name: the subject and both bodies, as the renderer reads them. */
export interface EmailTemplateFields {
  name: string;
  subject: string;
  html: string;
  text: string;
}

const nameTaken = (name?: string) =>
  Conflict(
    name === undefined
      ? 'An email template of this name already exists in this project'
      : `An email template named "${name}" already exists in this project`,
  );

/** A project's email templates, one name each; every query is scoped by project. */
@Injectable()
export class EmailTemplateRepository {
  private readonly documents: KeyedDocuments<EmailTemplateFields, EmailTemplate>;

  constructor(@Inject(DB) db: Kysely<Database>) {
    this.documents = new KeyedDocuments<EmailTemplateFields, EmailTemplate>(db, {
      table: 'email_templates',
      fields: ['name', 'subject', 'html', 'text'],
      key: 'name',
      unique: 'email_templates_project_name_unique',
      taken: nameTaken,
    });
  }

  create(projectId: string, id: string, fields: EmailTemplateFields): Promise<EmailTemplate> {
    return this.documents.create(projectId, id, fields);
  }

  /** A project's templates, by name. */
  list(projectId: string): Promise<EmailTemplate[]> {
    return this.documents.list(projectId);
  }

  findByName(projectId: string, name: string): Promise<EmailTemplate | undefined> {
    return this.documents.findByKey(projectId, name);
  }

  findById(projectId: string, id: string): Promise<EmailTemplate | undefined> {
    return this.documents.findById(projectId, id);
  }

  /** Changes the given fields and bumps `updated_at`; undefined when the project has no such template. */
  update(
    projectId: string,
    id: string,
    patch: Partial<EmailTemplateFields>,
  ): Promise<EmailTemplate | undefined> {
    return this.documents.update(projectId, id, patch);
  }

  /** Whether the project had such a template to delete. */
  delete(projectId: string, id: string): Promise<boolean> {
    return this.documents.delete(projectId, id);
  }
}
