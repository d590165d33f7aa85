import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { DomainError, RateLimited } from '@bindery/contracts';
import { FailureLimits } from './failure-limits';
import { AdminGuard } from './guards';
import { PrincipalsService } from './team/principals.service';

/**
 * Fastify validates a request's body and query before Nest's guards run, so an anonymous caller would read the
 * API's schemas in its errors. This hook checks the credential of every project route (and of creating a
 * project) before validation; the route's guard checks it again, from the key cache. A client address that
 * keeps presenting wrong credentials is answered 429 until its window ends, which bounds guessing (counted
 * across the processes serving the API: {@link FailureLimits}).
 */
@Injectable()
export class AuthenticateFirst implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly principals: PrincipalsService,
    private readonly admin: AdminGuard,
    private readonly limits: FailureLimits,
  ) {}

  onModuleInit(): void {
    // Workers have no HTTP server.
    const fastify = this.host.httpAdapter?.getInstance() as FastifyInstance | undefined;
    fastify?.addHook('preValidation', (req: FastifyRequest) => this.check(req));
  }

  private async check(req: FastifyRequest): Promise<void> {
    const route = req.routeOptions.url ?? '';
    const guarded =
      route.startsWith('/v1/projects/:projectId') || (route === '/v1/projects' && req.method === 'POST');
    if (!guarded) return;
    const failures = this.limits.credentialsByAddress;
    const wait = await failures.wait(req.ip);
    if (wait > 0) throw RateLimited('Too many calls with a wrong key or token from this address', wait);
    try {
      if (route === '/v1/projects') this.admin.admit(req.headers.authorization);
      else await this.principals.admit(req, (req.params as { projectId?: string }).projectId, undefined);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthorized') await failures.fail(req.ip);
      throw error;
    }
  }
}
