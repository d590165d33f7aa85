import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { type CohortDefinition, type CohortKind, type CohortType } from '@bindery/contracts';
import { type CohortRow } from '../cohort-schema';
import { DB } from '../database';
import { type Database } from '../schema';

/** A cohort as lists show it: its row and, for a static cohort, how many members it keeps. */
export type CohortWithSize = CohortRow & { size: number | null };

/** What a new cohort is made of; `members` are kept for a static cohort only. */
export interface NewCohort {
  id: string;
  projectId: string;
  name: string;
  kind: CohortKind;
  type: CohortType;
  definition: CohortDefinition;
  createdBy: string;
  members: readonly string[];
}

/** Members are written this many to a statement. */
const INSERT_CHUNK = 1_000;

/** Saved cohorts and a static cohort's members; every query is scoped by project. */
@Injectable()
export class CohortRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** A new cohort with its members (static), together. */
  async create(cohort: NewCohort): Promise<CohortWithSize> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('cohorts')
        .values({
          id: cohort.id,
          project_id: cohort.projectId,
          name: cohort.name,
          kind: cohort.kind,
          type: cohort.type,
          definition: JSON.stringify(cohort.definition),
          created_by: cohort.createdBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const members = cohort.type === 'static' ? [...new Set(cohort.members)] : [];
      for (let i = 0; i < members.length; i += INSERT_CHUNK) {
        await trx
          .insertInto('cohort_members')
          .values(members.slice(i, i + INSERT_CHUNK).map((m) => ({ cohort_id: cohort.id, member_id: m })))
          .execute();
      }
      return { ...row, size: cohort.type === 'static' ? members.length : null };
    });
  }

  /** The project's cohorts, newest first, with the size of each static one. */
  list(projectId: string): Promise<CohortWithSize[]> {
    return this.db
      .selectFrom('cohorts as c')
      .selectAll('c')
      .select((eb) =>
        eb
          .case()
          .when('c.type', '=', 'static')
          .then(
            eb
              .selectFrom('cohort_members as m')
              .select(sql<number>`count(*)::int`.as('n'))
              .whereRef('m.cohort_id', '=', 'c.id'),
          )
          .else(sql<number | null>`null`)
          .end()
          .as('size'),
      )
      .where('c.project_id', '=', projectId)
      .orderBy('c.created_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute();
  }

  /** One cohort, with its size if static; undefined when the project has no such cohort. */
  async findById(projectId: string, cohortId: string): Promise<CohortWithSize | undefined> {
    const row = await this.db
      .selectFrom('cohorts')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', cohortId)
      .executeTakeFirst();
    if (!row) return undefined;
    if (row.type !== 'static') return { ...row, size: null };
    const { n } = await this.db
      .selectFrom('cohort_members')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('cohort_id', '=', cohortId)
      .executeTakeFirstOrThrow();
    return { ...row, size: n };
  }

  /**
   * A static cohort's member ids after `after` (all when absent), at most `limit`, in byte order (collation C),
   * the order a dynamic cohort's members come in, whatever the database's collation.
   */
  async members(cohortId: string, limit: number, after?: string): Promise<string[]> {
    const id = sql<string>`member_id collate "C"`;
    let query = this.db
      .selectFrom('cohort_members')
      .select('member_id')
      .where('cohort_id', '=', cohortId)
      .orderBy(id)
      .limit(limit);
    if (after !== undefined) query = query.where(id, '>', after);
    return (await query.execute()).map((r) => r.member_id);
  }

  /** Deletes a cohort and its members; false when the project has no such cohort. */
  async delete(projectId: string, cohortId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('cohorts')
      .where('project_id', '=', projectId)
      .where('id', '=', cohortId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
