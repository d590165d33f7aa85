import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  InvalidInput,
  NotFound,
  type Note as NoteView,
  type NoteBody,
  type NoteList,
  type NoteListQuery,
} from '@bindery/contracts';
import { type Note, type NoteCursor, NoteRepository, TaskRepository } from '@bindery/db';
import { AccountFacts } from './account-facts';
import { UUID } from './task-cursor';

export function noteView(n: Note, taskTitle: string | null): NoteView {
  return {
    id: n.id,
    accountId: n.account_id,
    taskId: n.task_id,
    taskTitle,
    author: n.author,
    body: n.body,
    createdAt: n.created_at.toISOString(),
  };
}

const encode = (n: Note) =>
  Buffer.from(JSON.stringify([n.created_at.toISOString(), n.id])).toString('base64url');
function decode(cursor: string): NoteCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && UUID.test(id)) {
      return { createdAt: new Date(at), id };
    }
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor this API returned');
}

/** A note's text as written, or a 400 when there is none. */
function text(body: NoteBody): string {
  const trimmed = body.body.trim();
  if (trimmed === '') throw InvalidInput('body must not be blank');
  return trimmed;
}

/** People's notes on accounts and tasks: who wrote what, kept with the account and in the task's timeline. */
@Injectable()
export class NotesService {
  constructor(
    private readonly notes: NoteRepository,
    private readonly tasks: TaskRepository,
    private readonly facts: AccountFacts,
  ) {}

  /** A note on an account the project knows (from its actions or traits); any other is a 404. */
  async addToAccount(
    projectId: string,
    accountId: string,
    body: NoteBody,
    author: string,
  ): Promise<NoteView> {
    const written = text(body);
    if (!(await this.facts.known(projectId, accountId))) throw NotFound(`Account ${accountId} not found`);
    const note = await this.notes.add({
      id: uuidv7(),
      projectId,
      accountId,
      taskId: null,
      author,
      body: written,
    });
    return noteView(note, null);
  }

  /** A note on a task, kept with the task's account too (a task without an account keeps it on its own). */
  async addToTask(projectId: string, taskId: string, body: NoteBody, author: string): Promise<NoteView> {
    const written = text(body);
    const task = await this.tasks.findById(projectId, taskId);
    if (!task) throw NotFound(`Task ${taskId} not found`);
    const note = await this.notes.add({
      id: uuidv7(),
      projectId,
      accountId: task.account_id ?? '',
      taskId: task.id,
      author,
      body: written,
    });
    return noteView(note, task.title);
  }

  /** An account's notes, newest first, those on its tasks included; none for an account with no notes. */
  async forAccount(projectId: string, accountId: string, q: NoteListQuery): Promise<NoteList> {
    const rows = await this.notes.forAccount(
      projectId,
      accountId,
      q.limit + 1,
      q.cursor === undefined ? undefined : decode(q.cursor),
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return {
      notes: page.map((n) => noteView(n, n.task_title)),
      nextCursor: rows.length > q.limit && last ? encode(last) : null,
    };
  }
}
