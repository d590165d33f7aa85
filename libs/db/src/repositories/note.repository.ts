import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, type Selectable, sql } from 'kysely';
import { DB } from '../database';
import { type Database, type NotesTable } from '../schema';

export type Note = Selectable<NotesTable>;

/** A new note; `id` is the caller's. */
export interface NewNote {
  id: string;
  projectId: string;
  /** The account it is about ('' for a task without an account, as the task indexes key it). */
  accountId: string;
  taskId: string | null;
  author: string;
  body: string;
}

/** The last note of the previous page: the page holds the notes after it, newest first. */
export interface NoteCursor {
  createdAt: Date;
  id: string;
}

/** A note with the title of the task it is on, if any. */
export interface ListedNote extends Note {
  task_title: string | null;
}

/** People's notes on accounts and on their tasks; every query is scoped by project. */
@Injectable()
export class NoteRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  add(note: NewNote): Promise<Note> {
    return this.db
      .insertInto('notes')
      .values({
        id: note.id,
        project_id: note.projectId,
        account_id: note.accountId,
        task_id: note.taskId,
        author: note.author,
        body: note.body,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * An account's notes, those on its tasks included, newest first, a page at a time. Ordered by the time to
   * the millisecond (a Date's precision, which the cursor carries), then by id.
   */
  forAccount(projectId: string, accountId: string, limit: number, after?: NoteCursor): Promise<ListedNote[]> {
    const at = sql<Date>`date_trunc('milliseconds', n.created_at)`;
    let query = this.db
      .selectFrom('notes as n')
      .leftJoin('tasks as t', (join) =>
        join.onRef('t.id', '=', 'n.task_id').onRef('t.project_id', '=', 'n.project_id'),
      )
      // The time as the cursor carries it, so that a page's last note is exactly where the next page starts.
      .select([
        'n.id',
        'n.project_id',
        'n.account_id',
        'n.task_id',
        'n.author',
        'n.body',
        at.as('created_at'),
        't.title as task_title',
      ])
      .where('n.project_id', '=', projectId)
      .where('n.account_id', '=', accountId);
    if (after !== undefined) {
      query = query.where(sql<boolean>`(${at}, n.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
    }
    return query.orderBy(at, 'desc').orderBy('n.id', 'desc').limit(limit).execute();
  }

  /** A task's notes, oldest first (`accountId` as the note was written: '' for a task without an account). */
  forTask(projectId: string, accountId: string, taskId: string): Promise<Note[]> {
    return this.db
      .selectFrom('notes')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('account_id', '=', accountId)
      .where('task_id', '=', taskId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  }
}
