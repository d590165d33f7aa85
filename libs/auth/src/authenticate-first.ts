import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { DomainError, RateLimited } from '@bindery/contracts';
import { RateLimiter } from '@bindery/server';
import { AdminGuard } from './guards';
import { PrincipalsService } from './team/principals.service';

/** Wrong credentials a client address may present in a burst, and how many more it earns per minute. */
const FAILURE_BURST = 20;
const FAILURES_PER_MINUTE = 5;

/**
 * Fastify validates a request's body and query before Nest's guards run, so an anonymous caller would read the
 * API's schemas in its errors. This hook checks the credential of every project route (and of creating a
 * project) before validation; the route's guard checks it again, from the key cache. A client address that
 * keeps presenting wrong credentials is answered 429 until it slows down, which bounds guessing.
 */
@Injectable()
export class AuthenticateFirst implements OnModuleInit {
  private readonly failures = new RateLimiter(FAILURES_PER_MINUTE / 60, FAILURE_BURST);

  constructor(
    private readonly host: HttpAdapterHost,
    private readonly principals: PrincipalsService,
    private readonly admin: AdminGuard,
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
    const wait = this.failures.wait(req.ip, 1);
    if (wait > 0) throw RateLimited('Too many calls with a wrong key or token from this address', wait);
    try {
      if (route === '/v1/projects') this.admin.admit(req.headers.authorization);
      else await this.principals.admit(req, (req.params as { projectId?: string }).projectId, undefined);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unauthorized') this.failures.take(req.ip, 1);
      throw error;
    }
  }
}
