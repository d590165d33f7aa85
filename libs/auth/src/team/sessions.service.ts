import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BINDERY_CONFIG, type BinderyConfig } from '@bindery/config';
import { SessionRepository } from '@bindery/db';
import { hashKey } from '../keys';
import { clearedSessionCookie, sessionCookie } from './session-cookie';

/**
 * Dashboard sessions, kept in Postgres by the hash of a random cookie value. A session ends when it is idle for
 * SESSION_IDLE_MINUTES or SESSION_MAX_HOURS after sign-in, whichever comes first, or when it is signed out.
 */
@Injectable()
export class SessionsService {
  private readonly secure: boolean;

  constructor(
    private readonly sessions: SessionRepository,
    @Inject(BINDERY_CONFIG) private readonly config: BinderyConfig,
  ) {
    this.secure = config.publicUrl.startsWith('https:');
  }

  /** Opens a session for a user; returns the cookie to set and the session's CSRF token. */
  async start(userId: string): Promise<{ cookie: string; csrfToken: string }> {
    const value = randomBytes(32).toString('base64url');
    const maxAgeSeconds = this.config.sessions.maxHours * 3600;
    await this.sessions.create({
      idHash: hashKey(value),
      userId,
      expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
    });
    return {
      cookie: sessionCookie(value, { secure: this.secure, maxAgeSeconds }),
      csrfToken: csrfTokenOf(value),
    };
  }

  /** The user of a live session (its idle clock restarted), or undefined. */
  async resolve(value: string): Promise<string | undefined> {
    const now = new Date();
    const idleSince = new Date(now.getTime() - this.config.sessions.idleMinutes * 60_000);
    return (await this.sessions.touch(hashKey(value), now, idleSince))?.user_id;
  }

  async end(value: string): Promise<void> {
    await this.sessions.delete(hashKey(value));
  }

  /** The `Set-Cookie` value that forgets the session in the browser. */
  clearedCookie(): string {
    return clearedSessionCookie(this.secure);
  }
}

/**
 * The session's CSRF token: derived from the cookie's value, which no other site can read, so a page elsewhere
 * cannot know it; the dashboard gets it from `GET /v1/session` and sends it as X-CSRF-Token on every change.
 */
export function csrfTokenOf(sessionValue: string): string {
  return hashKey(`csrf:${sessionValue}`);
}

/** Whether a presented CSRF token is the session's, compared in constant time. */
export function matchesCsrfToken(sessionValue: string, presented: string | undefined): boolean {
  const expected = Buffer.from(csrfTokenOf(sessionValue));
  const actual = Buffer.from(presented ?? '');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
