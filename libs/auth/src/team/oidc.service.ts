import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenIdClient from 'openid-client';
import { BINDERY_CONFIG, type BinderyConfig, type OidcConfig } from '@bindery/config';
import { type OidcCallbackQuery } from '@bindery/contracts';
import { MembershipRepository, UserRepository } from '@bindery/db';
import { readCookie } from './session-cookie';

/** The cookie that carries a sign-in's state, nonce and PKCE verifier from its start to its callback. */
export const OIDC_COOKIE = 'bindery_oidc';
/** Where the sign-in starts and where the provider sends the browser back. */
export const OIDC_START_PATH = '/v1/session/oidc';
export const OIDC_CALLBACK_PATH = '/v1/session/oidc/callback';
/** How long a started sign-in may take at the provider. */
const FLOW_SECONDS = 600;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a sign-in with the provider was refused: the page's status, title and what to do. */
export class OidcRefusal extends Error {
  constructor(
    readonly status: 400 | 403 | 502,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

const restart = (why: string) =>
  new OidcRefusal(400, 'Sign-in not completed', `${why} Go back to the sign-in page and start again.`);

/**
 * Sign-in with an OpenID Connect provider (openid-client): the authorization code flow with PKCE (S256), its
 * state and nonce kept in a short-lived HttpOnly cookie and checked on the way back. Only a member of a
 * project signs in, found by the provider's identity (`issuer|sub`) once linked, else by their verified email;
 * the first sign-in links the identity, and a user linked to another identity is refused.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger(OidcService.name);
  private readonly oidc?: OidcConfig;
  private readonly secure: boolean;
  private readonly redirectUri: string;
  private client?: Promise<{ lib: typeof OpenIdClient; config: OpenIdClient.Configuration }>;

  constructor(
    @Inject(BINDERY_CONFIG) config: BinderyConfig,
    private readonly users: UserRepository,
    private readonly members: MembershipRepository,
  ) {
    this.oidc = config.oidc;
    this.secure = config.publicUrl.startsWith('https:');
    this.redirectUri = `${config.publicUrl}${OIDC_CALLBACK_PATH}`;
  }

  /** The provider's name, when sign-in with it is configured. */
  get providerName(): string | undefined {
    return this.oidc?.name;
  }

  /** The provider's authorization URL to send the browser to, and the cookie that remembers the sign-in. */
  async start(): Promise<{ url: string; cookie: string }> {
    const { lib, config } = await this.connect();
    const verifier = lib.randomPKCECodeVerifier();
    const state = lib.randomState();
    const nonce = lib.randomNonce();
    const url = lib.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await lib.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, cookie: this.cookie(`${state}.${nonce}.${verifier}`, FLOW_SECONDS) };
  }

  /** The cookie that ends a sign-in, whatever its outcome. */
  clearedCookie(): string {
    return this.cookie('', 0);
  }

  /**
   * Checks the provider's answer against the sign-in's cookie (state, nonce, PKCE), redeems the code, and
   * returns the member's user id; an OidcRefusal says why not.
   */
  async finish(query: OidcCallbackQuery, cookieHeader: string | undefined): Promise<string> {
    const [state, nonce, verifier] = (readCookie(cookieHeader, OIDC_COOKIE) ?? '').split('.');
    if (!state || !nonce || !verifier) {
      throw restart('This sign-in expired, or was started in another browser.');
    }
    if (query.error) {
      throw restart(`The provider did not sign you in (${query.error_description ?? query.error}).`);
    }
    const { lib, config } = await this.connect();
    const current = new URL(this.redirectUri);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) current.searchParams.set(key, value);
    }
    let claims: OpenIdClient.IDToken;
    let accessToken: string;
    try {
      const tokens = await lib.authorizationCodeGrant(
        config,
        current,
        { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true },
        { redirect_uri: this.redirectUri },
      );
      claims = tokens.claims() as OpenIdClient.IDToken;
      accessToken = tokens.access_token;
    } catch (error) {
      this.logger.warn({ err: error }, 'an OpenID Connect sign-in was refused');
      throw restart('The answer from the provider did not match this sign-in.');
    }
    const subject = `${claims.iss}|${claims.sub}`;
    const linked = await this.users.findByOidcSubject(subject);
    const user = linked ?? (await this.byEmail(lib, config, claims, accessToken, subject));
    if ((await this.members.listByUser(user.id)).length === 0) throw notMember(user.email);
    await this.users.linkOidcSubject(user.id, subject);
    return user.id;
  }

  /** The user with the identity's verified email, not linked to another identity. */
  private async byEmail(
    lib: typeof OpenIdClient,
    config: OpenIdClient.Configuration,
    claims: OpenIdClient.IDToken,
    accessToken: string,
    subject: string,
  ) {
    const info =
      typeof claims.email === 'string' ? claims : await lib.fetchUserInfo(config, accessToken, claims.sub);
    const email = typeof info.email === 'string' ? info.email.trim().toLowerCase() : '';
    if (!email || info.email_verified === false) {
      throw new OidcRefusal(
        403,
        'No verified email',
        `Your account at ${this.oidc?.name ?? 'the provider'} has no verified email address, which Bindery ` +
          'needs to know you: verify it there, or sign in with your email and password.',
      );
    }
    const user = await this.users.findByEmail(email);
    if (!user) throw notMember(email);
    if (user.oidc_subject !== null && user.oidc_subject !== subject) {
      throw new OidcRefusal(
        403,
        'Another identity',
        `${email} signs in with another account at the provider. Sign in with that one, or with your email and password.`,
      );
    }
    return user;
  }

  /** The client, its provider's metadata discovered once (again after a failure). */
  private connect(): Promise<{ lib: typeof OpenIdClient; config: OpenIdClient.Configuration }> {
    const oidc = this.oidc;
    if (!oidc) throw new OidcRefusal(400, 'Not configured', 'Sign-in with a provider is not set up here.');
    this.client ??= (async () => {
      const lib = await import('openid-client');
      const issuer = new URL(oidc.issuerUrl);
      // Plain http only to a provider on this machine (a test, or a provider beside Bindery).
      const execute =
        issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname) ? [lib.allowInsecureRequests] : [];
      const config = await lib.discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, { execute });
      return { lib, config };
    })();
    return this.client.catch((error: unknown) => {
      this.client = undefined;
      this.logger.warn(
        { err: error, issuer: oidc.issuerUrl },
        'could not discover the OpenID Connect provider',
      );
      throw new OidcRefusal(
        502,
        'Provider unreachable',
        `Bindery could not reach ${oidc.name}. Try again in a minute; if it goes on, tell your Bindery operator.`,
      );
    });
  }

  private cookie(value: string, maxAgeSeconds: number): string {
    // Lax, not Strict: the provider sends the browser back from its own site, and the cookie must come along.
    return [
      `${OIDC_COOKIE}=${value}`,
      `Path=${OIDC_START_PATH}`,
      'HttpOnly',
      'SameSite=Lax',
      `Max-Age=${maxAgeSeconds}`,
      ...(this.secure ? ['Secure'] : []),
    ].join('; ');
  }
}

function notMember(email: string): OidcRefusal {
  return new OidcRefusal(
    403,
    'Not a member',
    `${email} is not a member of any Bindery project. Ask an owner or an admin to invite this address, accept ` +
      'the invitation from its email, then sign in again.',
  );
}
