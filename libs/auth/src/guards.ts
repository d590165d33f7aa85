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
    await this.admit(req.headers.authorization, req.params.projectId);
    return true;
  }

  /** Throws Unauthorized or Forbidden unless the header carries the project's secret key or the admin token. */
  async admit(authorization: string | undefined, projectId: string | undefined): Promise<void> {
    const credential = credentialFromHeader(authorization);
    if (!credential) throw Unauthorized('This call needs the project secret key as a Bearer token');
    if (this.admin.matches(credential)) return;
    if ((await this.keys.resolve(credential, 'secret')) !== projectId) {
      throw Forbidden('This key belongs to another project');
    }
  }
}
