import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type Database, type Project } from '../schema';
import { type NewRule, RuleRepository } from './rule.repository';

export interface NewKey {
  id: string;
  kind: 'write' | 'secret';
  keyHash: string;
  keyHint: string;
}

/** Organizations and projects. */
@Injectable()
export class ProjectRepository {
  constructor(
    @Inject(DB) private readonly db: Kysely<Database>,
    private readonly rules: RuleRepository,
  ) {}

  /**
   * Creates a project (and its organization if new) together with its first keys and its starting rules, in
   * one transaction.
   */
  async createWithKeys(input: {
    organization: { id: string; name: string };
    project: { id: string; name: string };
    keys: NewKey[];
    rules?: Omit<NewRule, 'projectId'>[];
  }): Promise<Project> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organizations')
        .values(input.organization)
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const org = await trx
        .selectFrom('organizations')
        .select('id')
        .where('name', '=', input.organization.name)
        .executeTakeFirstOrThrow();
      const project = await trx
        .insertInto('projects')
        .values({ id: input.project.id, name: input.project.name, organization_id: org.id })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('api_keys')
        .values(
          input.keys.map((k) => ({
            id: k.id,
            project_id: project.id,
            kind: k.kind,
            key_hash: k.keyHash,
            key_hint: k.keyHint,
          })),
        )
        .execute();
      await this.rules.createMany(
        (input.rules ?? []).map((r) => ({ ...r, projectId: project.id })),
        trx,
      );
      return project;
    });
  }

  findById(id: string): Promise<Project | undefined> {
    return this.db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every project's id, for the schedulers that run per project. */
  async findAllIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('projects').select('id').orderBy('id').execute();
    return rows.map((r) => r.id);
  }
}
