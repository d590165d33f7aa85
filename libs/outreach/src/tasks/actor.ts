import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import type {} from '@bindery/auth';
import { ACTOR_HEADER, InvalidInput, parseEmailAddress, PLAIN_EMAIL_ADDRESS } from '@bindery/contracts';

/** Who made a change when the request names no one: the secret key's holder, unnamed. */
export const API_ACTOR = 'api';

/**
 * The author of a change from the request's `X-Bindery-Actor` header: a plain email address, lower-cased;
 * `api` without the header. Only a server holding the secret key names its author this way: it records who
 * the server says acted.
 */
export function actorOf(header: string | string[] | undefined): string {
  if (header === undefined || header === '') return API_ACTOR;
  const actor = parseEmailAddress(Array.isArray(header) ? header.join(',') : header);
  if (actor === undefined) throw InvalidInput(`${ACTOR_HEADER.name} must be ${PLAIN_EMAIL_ADDRESS}`);
  return actor;
}

/**
 * The route's actor: a signed-in person is who they are (their email, and their token's name), whatever the
 * header says; a caller with the secret key is named by the header (see {@link actorOf}).
 */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const req = context.switchToHttp().getRequest<FastifyRequest>();
  return req.principal?.kind === 'user' ? req.principal.actor : actorOf(req.headers[ACTOR_HEADER.name]);
});
