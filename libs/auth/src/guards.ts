import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { type Access, Unauthorized } from '@bindery/contracts';
import { ACCESS_METADATA } from '@bindery/server';
import { AdminTokenService } from './admin-token.service';
import { credentialFromHeader } from './keys';
import { PrincipalsService } from './team/principals.service';

/** Admits the operator's admin token only. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly admin: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    this.admit(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization);
    return true;
  }

  /** Throws Unauthorized unless the header carries the admin token. */
  admit(authorization: string | undefined): void {
    if (!this.admin.matches(credentialFromHeader(authorization))) {
      throw Unauthorized('This call needs the admin token as a Bearer token');
    }
  }
}

/**
 * Admits `/v1/projects/:projectId/…` calls by a principal of that project whose role (and token scope) allows
 * the endpoint's access, as its `@Endpoint({ access })` states; an endpoint that states none is for admins. The
 * admin token opens every project, a project's secret key its own project as an owner.
 */
@Injectable()
export class ProjectAccessGuard implements CanActivate {
  constructor(
    private readonly principals: PrincipalsService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest<{ Params: { projectId?: string } }>>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    await this.principals.admit(req, req.params.projectId, access ?? 'admin');
    return true;
  }
}
