import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import {
  type AcceptInviteBody,
  AcceptInviteBodySchema,
  type PasswordResetBody,
  PasswordResetBodySchema,
  type PasswordResetRequestBody,
  PasswordResetRequestBodySchema,
  type SessionInfo,
  SessionInfoSchema,
  type SignInBody,
  SignInBodySchema,
  DomainError,
} from '@bindery/contracts';
import { UserRepository } from '@bindery/db';
import { Endpoint } from '@bindery/server';
import { CurrentUser, SignedInGuard } from './current-principal';
import { type Principal } from './principal';
import { PrincipalsService } from './principals.service';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { csrfTokenOf, SessionsService } from './sessions.service';
import { SignInService } from './sign-in.service';
import { TeamService } from './team.service';

const Empty = Type.Object({});

/** Signing in and out of the dashboard, accepting invitations, resetting a password. */
@ApiTags('team')
@Controller('v1')
export class SessionController {
  constructor(
    private readonly signIns: SignInService,
    private readonly sessions: SessionsService,
    private readonly team: TeamService,
    private readonly users: UserRepository,
    private readonly principals: PrincipalsService,
  ) {}

  @Post('session')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sign in with email and password',
    description:
      'Sets the session cookie (HttpOnly, SameSite=Strict, Secure when PUBLIC_URL is https) and returns the ' +
      'CSRF token to send as X-CSRF-Token with changes. A wrong email or password answers 401, the same for ' +
      'both; too many failures from one address or for one email answer 429 with Retry-After.',
    body: SignInBodySchema,
    response: { status: 200, schema: SessionInfoSchema },
    errors: [400, 401, 429],
  })
  async signIn(
    @Body() body: SignInBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionInfo> {
    const userId = await this.signIns.check(body.email, body.password, req.ip);
    return this.open(userId, reply);
  }

  @Get('session')
  @UseGuards(SignedInGuard)
  @Endpoint({
    summary: 'The signed-in user, their projects and roles, and the session’s CSRF token',
    response: { status: 200, schema: SessionInfoSchema },
    errors: [401],
  })
  current(
    @CurrentUser() user: Extract<Principal, { kind: 'user' }>,
    @Req() req: FastifyRequest,
  ): Promise<SessionInfo> {
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    return this.team.sessionInfo(user.userId, session ? csrfTokenOf(session) : '');
  }

  @Delete('session')
  @HttpCode(204)
  @Endpoint({
    summary: 'Sign out',
    description: 'Ends this session (X-CSRF-Token needed) and clears the cookie.',
    response: { status: 204, schema: Type.Null() },
    errors: [403],
  })
  async signOut(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const session = readCookie(req.headers.cookie, SESSION_COOKIE);
    // A session that has ended already needs no ending; a live one needs its CSRF token.
    const live = session ? await this.principals.of(req).catch(unlessForbidden) : undefined;
    if (session && live) await this.sessions.end(session);
    void reply.header('set-cookie', this.sessions.clearedCookie());
  }

  @Post('session/sign-out-everywhere')
  @HttpCode(204)
  @UseGuards(SignedInGuard)
  @Endpoint({
    summary: 'Sign out everywhere',
    description: 'Ends every session of the signed-in user, this one included.',
    body: Empty,
    response: { status: 204, schema: Type.Null() },
    errors: [401, 403],
  })
  async signOutEverywhere(
    @CurrentUser() user: Extract<Principal, { kind: 'user' }>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.users.deleteSessions(user.userId);
    void reply.header('set-cookie', this.sessions.clearedCookie());
  }

  @Post('invites/accept')
  @HttpCode(200)
  @Endpoint({
    summary: 'Accept an invitation',
    description:
      'The token is the part of the invitation link after `#`. A new user chooses a password (10 to 200 ' +
      'characters); a user who exists keeps theirs. Signs in. A used or expired link answers 404.',
    body: AcceptInviteBodySchema,
    response: { status: 200, schema: SessionInfoSchema },
    errors: [400, 404],
  })
  async accept(
    @Body() body: AcceptInviteBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionInfo> {
    return this.open(await this.team.accept(body), reply);
  }

  @Post('password-reset')
  @HttpCode(202)
  @Endpoint({
    summary: 'Ask for a password-reset link',
    description:
      'Emails a one-time link, valid an hour, when the address is a user’s; answers 202 either way.',
    body: PasswordResetRequestBodySchema,
    response: { status: 202, schema: Empty },
    errors: [400],
  })
  async requestReset(@Body() body: PasswordResetRequestBody): Promise<Record<string, never>> {
    await this.team.requestReset(body.email);
    return {};
  }

  @Post('password-reset/confirm')
  @HttpCode(204)
  @Endpoint({
    summary: 'Choose a new password with a reset link',
    description: 'Ends the user’s sessions everywhere. A used or expired link answers 404.',
    body: PasswordResetBodySchema,
    response: { status: 204, schema: Type.Null() },
    errors: [400, 404],
  })
  async reset(@Body() body: PasswordResetBody): Promise<void> {
    await this.team.resetPassword(body.token, body.password);
  }

  private async open(userId: string, reply: FastifyReply): Promise<SessionInfo> {
    const { cookie, csrfToken } = await this.sessions.start(userId);
    void reply.header('set-cookie', cookie);
    return this.team.sessionInfo(userId, csrfToken);
  }
}

function unlessForbidden(error: unknown): undefined {
  if (error instanceof DomainError && error.code === 'unauthorized') return undefined;
  throw error;
}
