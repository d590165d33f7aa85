import { Inject, Injectable } from '@nestjs/common';
import { type Kysely } from 'kysely';
import { DB } from '../database';
import { type PersonDeletionRow } from '../people-schema';
import { type Database } from '../schema';
import { isUniqueViolation } from '../unique-violation';

export interface NewPersonDeletion {
  id: string;
  projectId: string;
  personHash: string;
  ids: string[];
  emails: string[];
  /** The person's names (their `name` traits), redacted from texts with the ids and addresses. */
  names: string[];
  suppress: boolean;
  requestedBy: string;
}

/** Deletions of people's data: a row per request, the record its job works from and reports to. */
@Injectable()
export class PersonDeletionRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** Records a deletion, unless one of the same person is queued or running: then that one, `created` false. */
  async create(d: NewPersonDeletion): Promise<{ row: PersonDeletionRow; created: boolean }> {
    try {
      const row = await this.db
        .insertInto('person_deletions')
        .values({
          id: d.id,
          project_id: d.projectId,
          person_hash: d.personHash,
          ids: JSON.stringify(d.ids),
          emails: JSON.stringify(d.emails),
          names: JSON.stringify(d.names),
          suppress: d.suppress,
          requested_by: d.requestedBy,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { row, created: true };
    } catch (error) {
      if (!isUniqueViolation(error, 'person_deletions_live')) throw error;
      const live = await this.latestOf(d.projectId, d.personHash);
      if (live === undefined) throw error;
      return { row: live, created: false };
    }
  }

  /** The newest deletion of a person, in any state. */
  latestOf(projectId: string, personHash: string): Promise<PersonDeletionRow | undefined> {
    return this.db
      .selectFrom('person_deletions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('person_hash', '=', personHash)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  findById(projectId: string, id: string): Promise<PersonDeletionRow | undefined> {
    return this.db
      .selectFrom('person_deletions')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A deletion by its id alone, for its job, which knows only the id; not for the API. */
  findByIdUnscoped(id: string): Promise<PersonDeletionRow | undefined> {
    return this.db.selectFrom('person_deletions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Deletions not finished, oldest first: their jobs are queued again at start-up. */
  unfinished(): Promise<Pick<PersonDeletionRow, 'id'>[]> {
    return this.db
      .selectFrom('person_deletions')
      .select('id')
      .where('state', 'in', ['queued', 'running'])
      .orderBy('created_at')
      .execute();
  }

  /** Marks a deletion running (again, after a restart), keeping the first start time, which it returns. */
  async markRunning(id: string): Promise<Date> {
    const row = await this.db
      .updateTable('person_deletions')
      .set((eb) => ({ state: 'running', started_at: eb.fn.coalesce('started_at', eb.fn<Date>('now')) }))
      .where('id', '=', id)
      .returning('started_at')
      .executeTakeFirstOrThrow();
    return row.started_at ?? new Date();
  }

  /** Marks a deletion done with what it removed, and forgets the ids, addresses and names it deleted. */
  async markDone(id: string, counts: Record<string, number>): Promise<void> {
    await this.db
      .updateTable('person_deletions')
      .set((eb) => ({
        state: 'done',
        counts: JSON.stringify(counts),
        ids: '[]',
        emails: '[]',
        names: '[]',
        error: null,
        finished_at: eb.fn<Date>('now'),
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Marks a deletion failed for good, with the reason; its ids stay so that it can be asked for again. */
  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('person_deletions')
      .set((eb) => ({ state: 'failed', error, finished_at: eb.fn<Date>('now') }))
      .where('id', '=', id)
      .execute();
  }
}
