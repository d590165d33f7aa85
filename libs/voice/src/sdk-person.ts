import { Injectable } from '@nestjs/common';
import { ProjectKeysService } from '@bindery/auth';
import { Forbidden, Unauthorized } from '@bindery/contracts';
import { SurveyRepository } from '@bindery/db';
import { isUserSignature } from './surveys/user-signature';

/** The person an SDK call speaks for: the project's write key and the signature of their user id. */
export interface SdkPerson {
  writeKey: string | undefined;
  userId: string;
  signature?: string;
}

/**
 * Checks an SDK call made for one person (the survey fetch, the feedback widget): the write key names the
 * project, and the signature (the HMAC of the user id with the project's survey secret, made by the customer's
 * server) proves the call is that person's, so no one reads or acts in another person's name.
 */
@Injectable()
export class SdkPersonVerifier {
  constructor(
    private readonly keys: ProjectKeysService,
    private readonly surveys: SurveyRepository,
  ) {}

  /** The project of a signed call, or 401/403 with what is missing; `what` starts the missing-signature error. */
  async projectOf(person: SdkPerson, what: string): Promise<string> {
    const projectId = await this.keys.resolve(person.writeKey, 'write');
    if (!person.signature) {
      throw Unauthorized(
        `${what} needs the person’s signature: the hex HMAC-SHA256 of the user id with the survey secret`,
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
}
