import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import {
  type OidcCallbackQuery,
  OidcCallbackQuerySchema,
  type SignInOptions,
  SignInOptionsSchema,
} from '@bindery/contracts';
import { Endpoint } from '@bindery/server';
import { OIDC_START_PATH, OidcRefusal, OidcService } from './oidc.service';
import { SessionsService } from './sessions.service';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page of its own, for a browser that comes back from the provider. */
function page(title: string, message: string, signInUrl: string): string {
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta name="robots" content="noindex"><title>${escape(title)} · Bindery</title></head>` +
    `<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
    `<h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="${escape(signInUrl)}">Back to sign-in</a></p>` +
    `</body></html>`
  );
}

/** Sign-in with an OpenID Connect provider, when one is configured; and what the sign-in page offers. */
@ApiTags('team')
@Controller('v1/session')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly sessions: SessionsService,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {}

  @Get('options')
  @Endpoint({
    summary: 'How one may sign in here',
    description:
      'Email and password always; `oidc` names the OpenID Connect provider when one is configured.',
    response: { status: 200, schema: SignInOptionsSchema },
  })
  options(): SignInOptions {
    const name = this.oidc.providerName;
    return { oidc: name ? { name, url: OIDC_START_PATH } : null };
  }

  @Get('oidc')
  @Endpoint({
    summary: 'Start signing in with the OpenID Connect provider',
    description:
      'Redirects (302) to the provider with a PKCE challenge, a state and a nonce, remembered in a ' +
      'ten-minute HttpOnly cookie for the way back. Without a provider configured: a page, 400.',
    response: { status: 302, schema: Type.Null({ description: 'Location: the provider' }) },
    errors: [400, 502],
  })
  async start(@Res() reply: FastifyReply): Promise<void> {
    try {
      const { url, cookie } = await this.oidc.start();
      await reply
        .status(302)
        .header('set-cookie', cookie)
        .header('location', url)
        .header('cache-control', 'no-store')
        .send();
    } catch (error) {
      await this.refuse(reply, error);
    }
  }

  @Get('oidc/callback')
  @Endpoint({
    summary: 'Where the provider sends the browser back',
    description:
      'Checks the state against the sign-in’s cookie, redeems the code with the PKCE verifier and checks the ' +
      'ID token’s nonce. A member of a project (by the identity linked at their first sign-in, else by ' +
      'verified email) gets a session, as with a password, and goes to the dashboard (302). Anyone else, ' +
      'or a sign-in that does not match, gets a page that says what to do (400 or 403).',
    query: OidcCallbackQuerySchema,
    response: { status: 302, schema: Type.Null({ description: 'Location: the dashboard' }) },
    errors: [400, 403, 502],
  })
  async callback(
    @Query() query: OidcCallbackQuery,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      const userId = await this.oidc.finish(query, req.headers.cookie);
      const { cookie } = await this.sessions.start(userId);
      await reply
        .status(302)
        .header('set-cookie', [cookie, this.oidc.clearedCookie()])
        .header('location', `${this.config.publicUrl}/`)
        .header('cache-control', 'no-store')
        .send();
    } catch (error) {
      await this.refuse(reply, error);
    }
  }

  private async refuse(reply: FastifyReply, error: unknown): Promise<void> {
    if (!(error instanceof OidcRefusal)) throw error;
    await reply
      .status(error.status)
      .header('set-cookie', this.oidc.clearedCookie())
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page(error.title, error.message, `${this.config.publicUrl}/sign-in`));
  }
}
