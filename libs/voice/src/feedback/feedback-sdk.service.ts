import { Injectable } from '@nestjs/common';
import { type FeedbackItemList, type FeedbackRequest } from '@bindery/contracts';
import { FeedbackRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { personAccountQuery } from '../surveys/survey-person.query';
import { type SdkPerson, SdkPersonVerifier } from '../sdk-person';
import { FeedbackService } from './feedback.service';

/**
 * The feedback widget's side of the board: only with the project's write key and the person's signature
 * (the HMAC of the user id with the survey secret, made by the customer's server), so no one asks or votes in
 * another person's name. The person's account is the one they last acted for.
 */
@Injectable()
export class FeedbackSdkService {
  constructor(
    private readonly verifier: SdkPersonVerifier,
    private readonly feedback: FeedbackRepository,
    private readonly service: FeedbackService,
    private readonly queries: QueryRunner,
  ) {}

  /** The board's requests for the widget, each with whether this person voted for it. */
  async list(person: SdkPerson): Promise<FeedbackItemList> {
    const projectId = await this.verifier.projectOf(person, 'Feedback');
    const [rows, voted] = await Promise.all([
      this.feedback.list(projectId),
      this.feedback.votedBy(projectId, person.userId),
    ]);
    return {
      requests: rows.map((r) => ({
        id: r.id,
        title: r.title,
        status: r.status,
        publicNote: r.public_note,
        votes: r.votes,
        voted: voted.has(r.id),
      })),
    };
  }

  async create(person: SdkPerson, request: { title: string; body?: string }): Promise<FeedbackRequest> {
    const projectId = await this.verifier.projectOf(person, 'Feedback');
    const accountId = await this.accountOf(projectId, person.userId);
    return this.service.create(
      projectId,
      { title: request.title, body: request.body, userId: person.userId, accountId },
      `sdk:${person.userId}`,
    );
  }

  async vote(person: SdkPerson, requestId: string): Promise<FeedbackRequest> {
    const projectId = await this.verifier.projectOf(person, 'Feedback');
    const accountId = await this.accountOf(projectId, person.userId);
    return this.service.vote(projectId, requestId, { userId: person.userId, accountId });
  }

  private async accountOf(projectId: string, userId: string): Promise<string | undefined> {
    const [row] = await this.queries.rows<{ account: string }>(personAccountQuery(projectId, userId));
    return row?.account;
  }
}
