import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '@bindery/contracts';
import { AdminTokenService } from './admin-token.service';
import { credentialFromHeader } from './keys';
import { ProjectKeysService } from './project-keys.service';

/** Admits the operator's admin token only. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly admin: AdminTokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (!this.admin.matches(credentialFromHeader(req.headers.authorization))) {
      throw Unauthorized('This call needs the admin token as a Bearer token');
    }
    return true;
  }
}

/**
 * Admits `/v1/projects/:projectId/…` calls that carry that project's secret key (or the admin token), so a
 * key of one project can never read another's data.
 */
@Injectable()
export class ProjectAccessGuard implements CanActivate {
  constructor(
    private readonly keys: ProjectKeysService,
    private readonly admin: AdminTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest<{ Params: { projectId?: string } }>>();
    const credential = credentialFromHeader(req.headers.authorization);
    if (!credential) throw Unauthorized('This call needs the project secret key as a Bearer token');
    if (this.admin.matches(credential)) return true;
    const projectId = await this.keys.resolve(credential, 'secret');
    if (projectId !== req.params.projectId) throw Forbidden('This key belongs to another project');
    return true;
  }
}
