import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  type FeedbackBoard,
  type FeedbackInbox,
  type FeedbackRequest,
  type FeedbackRequestBody,
  type FeedbackVoteBody,
  Conflict,
  InvalidInput,
  NotFound,
} from '@bindery/contracts';
import {
  AuditRepository,
  FeedbackRepository,
  type FeedbackRequestWithVotes,
  type FeedbackVote,
  type FeedbackVoter,
} from '@bindery/db';
import { QueryRunner, traitsBySubject, traitsQuery, type TraitRow } from '@bindery/event-queries';

/** An account's MRR trait (`mrr`, else `MRR`) as a number; 0 when it is missing or not a number. */
export function mrrOf(traits: Record<string, unknown> | undefined): number {
  const value = Number(traits?.mrr ?? traits?.MRR);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Each request's MRR: the sum over the distinct accounts of its voters, each account counted once. */
export function weightByMrr(votes: FeedbackVote[], mrr: Map<string, number>): Map<string, number> {
  const accounts = new Map<string, Set<string>>();
  for (const v of votes) {
    if (v.account_id === null) continue;
    const set = accounts.get(v.request_id) ?? new Set<string>();
    set.add(v.account_id);
    accounts.set(v.request_id, set);
  }
  const weights = new Map<string, number>();
  for (const [requestId, ids] of accounts) {
    weights.set(
      requestId,
      [...ids].reduce((sum, id) => sum + (mrr.get(id) ?? 0), 0),
    );
  }
  return weights;
}

const toRequest = (row: FeedbackRequestWithVotes, mrr: number): FeedbackRequest => ({
  id: row.id,
  title: row.title,
  body: row.body,
  status: row.status,
  publicNote: row.public_note,
  authorUserId: row.author_user_id,
  authorAccountId: row.author_account_id,
  votes: row.votes,
  mrr: Math.round(mrr * 100) / 100,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

/** The feedback board as the team works it: requests and votes, merges, statuses and the public board. */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly audit: AuditRepository,
    private readonly queries: QueryRunner,
  ) {}

  /** The inbox: every request not merged away, most votes first, each with its voters' accounts' MRR. */
  async inbox(projectId: string): Promise<FeedbackInbox> {
    const [rows, votes] = await Promise.all([this.feedback.list(projectId), this.feedback.votes(projectId)]);
    const weights = weightByMrr(votes, await this.accountsMrr(projectId, votes));
    return { requests: rows.map((r) => toRequest(r, weights.get(r.id) ?? 0)) };
  }

  async get(projectId: string, requestId: string): Promise<FeedbackRequest> {
    const row = await this.find(projectId, requestId);
    const votes = (await this.feedback.votes(projectId)).filter((v) => v.request_id === requestId);
    const weights = weightByMrr(votes, await this.accountsMrr(projectId, votes));
    return toRequest(row, weights.get(requestId) ?? 0);
  }

  /** A request sent through the API (or the SDK), with its author's vote. */
  async create(projectId: string, body: FeedbackRequestBody, actor: string): Promise<FeedbackRequest> {
    const author: FeedbackVoter = { userId: body.userId, accountId: body.accountId ?? null };
    const row = await this.feedback.create(
      projectId,
      uuidv7(),
      { title: body.title.trim(), body: body.body ?? '' },
      author,
    );
    await this.audit.record({ projectId, actor, action: 'feedback.created', details: { requestId: row.id } });
    return this.get(projectId, row.id);
  }

  /** A person's vote; a second one is a Conflict, and a merged request takes none. */
  async vote(projectId: string, requestId: string, body: FeedbackVoteBody): Promise<FeedbackRequest> {
    const row = await this.find(projectId, requestId);
    if (row.merged_into !== null) {
      throw Conflict(`Request ${requestId} was merged into ${row.merged_into}: vote for that one`);
    }
    await this.feedback.vote(projectId, requestId, {
      userId: body.userId,
      accountId: body.accountId ?? null,
    });
    return this.get(projectId, requestId);
  }

  /** Merges a duplicate into another request: the votes move, a person who voted for both counts once. */
  async merge(projectId: string, sourceId: string, into: string, actor: string): Promise<FeedbackRequest> {
    if (sourceId === into) throw InvalidInput('A request cannot be merged into itself');
    await this.feedback.merge(projectId, sourceId, into);
    await this.audit.record({ projectId, actor, action: 'feedback.merged', details: { sourceId, into } });
    return this.get(projectId, into);
  }

  async board(projectId: string): Promise<FeedbackBoard> {
    return { slug: await this.feedback.boardSlug(projectId) };
  }

  async saveBoard(projectId: string, board: FeedbackBoard, actor: string): Promise<FeedbackBoard> {
    await this.feedback.saveBoard(projectId, board.slug);
    await this.audit.record({ projectId, actor, action: 'feedback_board.saved', details: board });
    return board;
  }

  /** The request, or NotFound. */
  async find(projectId: string, requestId: string): Promise<FeedbackRequestWithVotes> {
    const row = await this.feedback.findById(projectId, requestId);
    if (!row) throw NotFound(`Feedback request ${requestId} not found`);
    return row;
  }

  /** The current MRR of the voters' accounts. */
  private async accountsMrr(projectId: string, votes: FeedbackVote[]): Promise<Map<string, number>> {
    const ids = [...new Set(votes.flatMap((v) => v.account_id ?? []))];
    if (ids.length === 0) return new Map();
    const traits = traitsBySubject(await this.queries.rows<TraitRow>(traitsQuery(projectId, 'account', ids)));
    return new Map(ids.map((id) => [id, mrrOf(traits.get(id))]));
  }
}
