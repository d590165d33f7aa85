import { Injectable } from '@nestjs/common';
import { ProjectKeysService } from '@bindery/auth';
import { type FeedbackItemList, type FeedbackRequest, Forbidden, Unauthorized } from '@bindery/contracts';
import { FeedbackRepository, SurveyRepository } from '@bindery/db';
import { QueryRunner } from '@bindery/event-queries';
import { personAccountQuery } from '../surveys/survey-person.query';
import { isUserSignature } from '../surveys/user-signature';
import { FeedbackService } from './feedback.service';

/** The person the SDK speaks for: the write key and their signature, as for the survey fetch. */
export interface SdkPerson {
  writeKey: string | undefined;
  userId: string;
  signature?: string;
}

/**
 * The feedback widget's side of the board: only with the project's write key and the person's signature
 * (the HMAC of the user id with the survey secret, made by the customer's server), so no one asks or votes in
 * another person's name. The person's account is the one they last acted for.
 */
@Injectable()
export class FeedbackSdkService {
  constructor(
    private readonly keys: ProjectKeysService,
    private readonly surveys: SurveyRepository,
    private readonly feedback: FeedbackRepository,
    private readonly service: FeedbackService,
    private readonly queries: QueryRunner,
  ) {}

  /** The board's requests for the widget, each with whether this person voted for it. */
  async list(person: SdkPerson): Promise<FeedbackItemList> {
    const projectId = await this.verify(person);
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
    const projectId = await this.verify(person);
    const accountId = await this.accountOf(projectId, person.userId);
    return this.service.create(
      projectId,
      { title: request.title, body: request.body, userId: person.userId, accountId },
      `sdk:${person.userId}`,
    );
  }

  async vote(person: SdkPerson, requestId: string): Promise<FeedbackRequest> {
    const projectId = await this.verify(person);
    const accountId = await this.accountOf(projectId, person.userId);
    return this.service.vote(projectId, requestId, { userId: person.userId, accountId });
  }

  private async verify(person: SdkPerson): Promise<string> {
    const projectId = await this.keys.resolve(person.writeKey, 'write');
    if (!person.signature) {
      throw Unauthorized(
        'Feedback needs the person’s signature: the hex HMAC-SHA256 of the user id with the survey secret',
      );
    }
    const secret = await this.surveys.findSecret(projectId);
    if (!secret)
      throw Forbidden('This project has no survey secret yet: create one with POST …/surveys/secret');
    if (!isUserSignature(secret, person.userId, person.signature)) {
      throw Forbidden('The signature does not match this user id and the project’s survey secret');
    }
    return projectId;
  }

  private async accountOf(projectId: string, userId: string): Promise<string | undefined> {
    const [row] = await this.queries.rows<{ account: string }>(personAccountQuery(projectId, userId));
    return row?.account;
  }
}
