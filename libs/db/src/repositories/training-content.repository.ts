import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { Conflict } from '@bindery/contracts';
import { DB } from '../database';
import { type Database, type TrainingContent } from '../schema';
import { KeyedDocuments } from './keyed-documents';

/** A piece of training content: what it teaches (`key`: a feature name or `funnel:<id>:step:<n>`) and where. */
export interface TrainingContentFields {
  key: string;
  title: string;
  url: string;
  summary: string;
}

const keyTaken = (key?: string) =>
  Conflict(
    key === undefined
      ? 'Training content for this key already exists in this project'
      : `Training content for "${key}" already exists in this project`,
  );

/** The training content a project links in its emails, one piece per key; every query is scoped by project. */
@Injectable()
export class TrainingContentRepository {
  private readonly documents: KeyedDocuments<TrainingContentFields, TrainingContent>;

  constructor(@Inject(DB) db: Kysely<Database>) {
    this.documents = new KeyedDocuments<TrainingContentFields, TrainingContent>(db, {
      table: 'training_content',
      fields: ['key', 'title', 'url', 'summary'],
      key: 'key',
      unique: 'training_content_project_key_unique',
      taken: keyTaken,
    });
  }

  create(projectId: string, id: string, fields: TrainingContentFields): Promise<TrainingContent> {
    return this.documents.create(projectId, id, fields);
  }

  /** A project's training content, by key. */
  list(projectId: string): Promise<TrainingContent[]> {
    return this.documents.list(projectId);
  }

  findByKey(projectId: string, key: string): Promise<TrainingContent | undefined> {
    return this.documents.findByKey(projectId, key);
  }

  findById(projectId: string, id: string): Promise<TrainingContent | undefined> {
    return this.documents.findById(projectId, id);
  }

  /** Changes the given fields and bumps `updated_at`; undefined when the project has no such content. */
  update(
    projectId: string,
    id: string,
    patch: Partial<TrainingContentFields>,
  ): Promise<TrainingContent | undefined> {
    return this.documents.update(projectId, id, patch);
  }

  /** Whether the project had such content to delete. */
  delete(projectId: string, id: string): Promise<boolean> {
    return this.documents.delete(projectId, id);
  }
}
