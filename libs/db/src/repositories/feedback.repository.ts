import { Inject, Injectable } from '@nestjs/common';
import { type Kysely, sql } from 'kysely';
import { Conflict, NotFound } from '@bindery/contracts';
import { DB } from '../database';
import { type Database } from '../schema';
import { isUniqueViolation } from '../unique-violation';
import { type FeedbackRequestRow, type FeedbackStatus } from '../voice-schema';

/** A request as lists show it: its row and how many people voted for it. */
export type FeedbackRequestWithVotes = FeedbackRequestRow & { votes: number };

/** One vote, as weighting by the voters' accounts reads it. */
export interface FeedbackVote {
  request_id: string;
  user_id: string;
  account_id: string | null;
}

/** Who asks or votes: the person and the account they act for. */
export interface FeedbackVoter {
  userId: string;
  accountId: string | null;
}

const alreadyVoted = (requestId: string) =>
  Conflict(`This person has already voted for request ${requestId}: a person votes once`);

/**
 * Feedback requests, their votes (one per person and request) and each project's public board; every query is
 * scoped by project, but for finding a board by its public slug.
 */
@Injectable()
export class FeedbackRepository {
  constructor(@Inject(DB) private readonly db: Kysely<Database>) {}

  /** A new request and its author's vote, together. */
  async create(
    projectId: string,
    id: string,
    request: { title: string; body: string },
    author: FeedbackVoter,
  ): Promise<FeedbackRequestWithVotes> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('feedback_requests')
        .values({
          id,
          project_id: projectId,
          title: request.title,
          body: request.body,
          author_user_id: author.userId,
          author_account_id: author.accountId,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('feedback_votes')
        .values({
          project_id: projectId,
          request_id: id,
          user_id: author.userId,
          account_id: author.accountId,
        })
        .execute();
      return { ...row, votes: 1 };
    });
  }

  /** The project's requests that were not merged away, most votes first, with their vote counts. */
  list(projectId: string): Promise<FeedbackRequestWithVotes[]> {
    return this.db
      .selectFrom('feedback_requests as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .selectFrom('feedback_votes as v')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('v.request_id', '=', 'r.id')
          .as('votes'),
      )
      .where('r.project_id', '=', projectId)
      .where('r.merged_into', 'is', null)
      .orderBy('votes', 'desc')
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute() as Promise<FeedbackRequestWithVotes[]>;
  }

  async findById(projectId: string, id: string): Promise<FeedbackRequestWithVotes | undefined> {
    const row = await this.db
      .selectFrom('feedback_requests')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const { n } = await this.db
      .selectFrom('feedback_votes')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('project_id', '=', projectId)
      .where('request_id', '=', id)
      .executeTakeFirstOrThrow();
    return { ...row, votes: n };
  }

  /** The votes of the project's requests, for weighting them by the voters' accounts. */
  votes(projectId: string): Promise<FeedbackVote[]> {
    return this.db
      .selectFrom('feedback_votes')
      .select(['request_id', 'user_id', 'account_id'])
      .where('project_id', '=', projectId)
      .execute();
  }

  /** The ids of the requests a person voted for. */
  async votedBy(projectId: string, userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('feedback_votes')
      .select('request_id')
      .where('project_id', '=', projectId)
      .where('user_id', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.request_id));
  }

  /** Records a person's vote; a second vote of the same person is a Conflict. */
  async vote(projectId: string, requestId: string, voter: FeedbackVoter): Promise<void> {
    try {
      await this.db
        .insertInto('feedback_votes')
        .values({
          project_id: projectId,
          request_id: requestId,
          user_id: voter.userId,
          account_id: voter.accountId,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, 'feedback_votes_pkey')) throw alreadyVoted(requestId);
      throw error;
    }
  }

  /** Sets the status and the public note; undefined if there is no such request. */
  update(
    projectId: string,
    id: string,
    change: { status: FeedbackStatus; publicNote: string | null },
  ): Promise<FeedbackRequestRow | undefined> {
    return this.db
      .updateTable('feedback_requests')
      .set({ status: change.status, public_note: change.publicNote, updated_at: new Date() })
      .where('project_id', '=', projectId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Merges `sourceId` into `targetId`: the source's votes move to the target (a person who voted for both
   * keeps one vote), requests merged into the source now point at the target, and the source leaves the lists.
   */
  async merge(projectId: string, sourceId: string, targetId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('feedback_requests')
        .select(['id', 'merged_into'])
        .where('project_id', '=', projectId)
        .where('id', 'in', [sourceId, targetId])
        .forUpdate()
        .execute();
      for (const id of [sourceId, targetId]) {
        const row = rows.find((r) => r.id === id);
        if (!row) throw NotFound(`Feedback request ${id} not found`);
        if (row.merged_into !== null) {
          throw Conflict(`Feedback request ${id} was already merged into ${row.merged_into}`);
        }
      }
      await sql`insert into feedback_votes (project_id, request_id, user_id, account_id, created_at)
        select project_id, ${targetId}, user_id, account_id, created_at from feedback_votes
        where project_id = ${projectId} and request_id = ${sourceId}
        on conflict (request_id, user_id) do nothing`.execute(trx);
      await trx
        .deleteFrom('feedback_votes')
        .where('project_id', '=', projectId)
        .where('request_id', '=', sourceId)
        .execute();
      await trx
        .updateTable('feedback_requests')
        .set({ merged_into: targetId, updated_at: new Date() })
        .where('project_id', '=', projectId)
        .where((eb) => eb.or([eb('id', '=', sourceId), eb('merged_into', '=', sourceId)]))
        .execute();
    });
  }

  /** The people who voted for a request. */
  async voters(projectId: string, requestId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('feedback_votes')
      .select('user_id')
      .where('project_id', '=', projectId)
      .where('request_id', '=', requestId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async boardSlug(projectId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('feedback_boards')
      .select('slug')
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    return row?.slug ?? null;
  }

  /** The project whose public board has this slug. */
  async projectOfBoard(slug: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('feedback_boards')
      .select('project_id')
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row?.project_id;
  }

  /** Opens the project's public board under `slug`, or closes it (null); a slug is one project's. */
  async saveBoard(projectId: string, slug: string | null): Promise<void> {
    if (slug === null) {
      await this.db.deleteFrom('feedback_boards').where('project_id', '=', projectId).execute();
      return;
    }
    try {
      await this.db
        .insertInto('feedback_boards')
        .values({ project_id: projectId, slug })
        .onConflict((oc) => oc.column('project_id').doUpdateSet({ slug }))
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, 'feedback_boards_slug_unique')) {
        throw Conflict(`The board slug "${slug}" is taken`);
      }
      throw error;
    }
  }
}
