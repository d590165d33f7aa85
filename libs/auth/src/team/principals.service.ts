import { Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { ACCESS, type Access, Forbidden, type MemberRole, Unauthorized } from '@bindery/contracts';
import { MembershipRepository, UserRepository, UserTokenRepository } from '@bindery/db';
import { AdminTokenService } from '../admin-token.service';
import { credentialFromHeader, hashKey } from '../keys';
import { ProjectKeysService } from '../project-keys.service';
import { type Principal } from './principal';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { matchesCsrfToken, SessionsService } from './sessions.service';

/** Personal tokens start with this, so that they are told from secret keys without a lookup. */
export const USER_TOKEN_PREFIX = 'bpt_';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds who makes a request: the admin token, a project secret key or a personal token (Bearer), or a
 * dashboard session (cookie, with its CSRF token on changes). Tokens and sessions are read from Postgres on
 * every request, so a revoked token or a removed member stops at once.
 */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly admin: AdminTokenService,
    private readonly keys: ProjectKeysService,
    private readonly sessions: SessionsService,
    private readonly users: UserRepository,
    private readonly tokens: UserTokenRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  /** The request's principal (cached on the request), or undefined when it carries no credential. */
  async of(req: FastifyRequest): Promise<Principal | undefined> {
    if (req.principal) return req.principal;
    const principal = await this.resolve(req);
    if (principal) req.principal = principal;
    return principal;
  }

  /**
   * Throws unless the request's principal may call an endpoint of this access on this project; without an
   * access, only that it may open the project at all.
   */
  async admit(
    req: FastifyRequest,
    projectId: string | undefined,
    access: Access | undefined,
  ): Promise<Principal> {
    const principal = await this.of(req);
    if (!principal) {
      throw Unauthorized('This call needs a dashboard session, a personal token or the project secret key');
    }
    if (principal.kind === 'admin') return principal;
    if (principal.kind === 'key') {
      if (principal.projectId !== projectId) throw Forbidden('This key belongs to another project');
      return principal;
    }
    const role = projectId ? await this.memberships.roleOf(projectId, principal.userId) : undefined;
    if (!role) throw Forbidden('You are not a member of this project');
    if (access === undefined) return principal;
    const readOnly = principal.scope === 'read' && access !== 'read';
    if (readOnly) throw Forbidden('This token may only read');
    if (!allows(role, access)) {
      throw Forbidden(`Your role (${role}) may not do this: it needs ${ACCESS[access].join(', ')}`);
    }
    return principal;
  }

  /** The principal's role in a project: the admin token and the project's key count as owners. */
  async roleIn(principal: Principal, projectId: string): Promise<MemberRole | undefined> {
    if (principal.kind !== 'user') return 'owner';
    return this.memberships.roleOf(projectId, principal.userId);
  }

  private async resolve(req: FastifyRequest): Promise<Principal | undefined> {
    const credential = credentialFromHeader(req.headers.authorization);
    if (credential) {
      if (this.admin.matches(credential)) return { kind: 'admin', actor: 'admin' };
      if (credential.startsWith(USER_TOKEN_PREFIX)) return this.fromToken(credential);
      return { kind: 'key', projectId: await this.keys.resolve(credential, 'secret'), actor: 'api' };
    }
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (!session) return undefined;
    const userId = await this.sessions.resolve(session);
    const user = userId ? await this.users.findById(userId) : undefined;
    if (!user) throw Unauthorized('Your session has ended: sign in again');
    if (
      !SAFE_METHODS.has(req.method) &&
      !matchesCsrfToken(session, headerValue(req.headers['x-csrf-token']))
    ) {
      throw Forbidden('A change made with a session needs its X-CSRF-Token header');
    }
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      via: 'session',
      scope: 'read-write',
      actor: user.email,
    };
  }

  private async fromToken(token: string): Promise<Principal> {
    const row = await this.tokens.use(hashKey(token), new Date());
    const user = row ? await this.users.findById(row.user_id) : undefined;
    if (!row || !user) throw Unauthorized('Unknown, revoked or expired token');
    return {
      kind: 'user',
      userId: user.id,
      email: user.email,
      via: 'token',
      scope: row.scope,
      actor: `${user.email} (token ${row.name})`,
    };
  }
}

/** Whether a role may call endpoints of an access. */
export function allows(role: MemberRole, access: Access): boolean {
  return (ACCESS[access] as readonly MemberRole[]).includes(role);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
