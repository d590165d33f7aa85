import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { ACTOR_HEADER, InvalidInput, parseEmailAddress, PLAIN_EMAIL_ADDRESS } from '@bindery/contracts';

/** Who made a change when the request names no one: the secret key's holder, unnamed. */
export const API_ACTOR = 'api';

/**
 * The author of a change from the request's `X-Bindery-Actor` header: a plain email address, lower-cased;
 * `api` without the header. Anyone holding the secret key can name anyone: people sign in as themselves
 * only once the dashboard has users (a later issue), so this records who says they acted, not who did.
 */
export function actorOf(header: string | string[] | undefined): string {
  if (header === undefined || header === '') return API_ACTOR;
  const actor = parseEmailAddress(Array.isArray(header) ? header.join(',') : header);
  if (actor === undefined) throw InvalidInput(`${ACTOR_HEADER.name} must be ${PLAIN_EMAIL_ADDRESS}`);
  return actor;
}

/** The route's actor (see {@link actorOf}). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  actorOf(context.switchToHttp().getRequest<FastifyRequest>().headers[ACTOR_HEADER.name]),
);
