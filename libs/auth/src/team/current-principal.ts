import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { Unauthorized } from '@bindery/contracts';
import { type Principal } from './principal';
import { PrincipalsService } from './principals.service';

/** Admits a signed-in person only: a dashboard session (with its CSRF token on changes) or a personal token. */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(private readonly principals: PrincipalsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const principal = await this.principals.of(context.switchToHttp().getRequest<FastifyRequest>());
    if (principal?.kind !== 'user') throw Unauthorized('Sign in first: this call is for a person, not a key');
    return true;
  }
}

/** The principal a guard admitted. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) throw Unauthorized('Sign in first');
    return principal;
  },
);

/** The signed-in user of a {@link SignedInGuard} route. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Extract<Principal, { kind: 'user' }> => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (principal?.kind !== 'user') throw Unauthorized('Sign in first');
    return principal;
  },
);

/**
 * Who made a change, for timelines and the audit log: the signed-in person's email (and token name), or
 * `api` for the project secret key and `admin` for the admin token.
 */
export const Author = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    context.switchToHttp().getRequest<FastifyRequest>().principal?.actor ?? 'api',
);
