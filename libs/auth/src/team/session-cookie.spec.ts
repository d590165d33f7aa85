import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './session-cookie';
import { csrfTokenOf, matchesCsrfToken } from './sessions.service';

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for the whole site, and Secure only over https', () => {
    expect(sessionCookie('abc', { secure: true, maxAgeSeconds: 60 })).toBe(
      'bindery_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure',
    );
    expect(sessionCookie('abc', { secure: false, maxAgeSeconds: 60 })).not.toContain('Secure');
    expect(clearedSessionCookie(true)).toBe(
      'bindery_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure',
    );
  });

  it('is read from a Cookie header among others, by its exact name', () => {
    expect(readCookie(`a=1; ${SESSION_COOKIE}=xyz; b=2`, SESSION_COOKIE)).toBe('xyz');
    expect(readCookie(`x${SESSION_COOKIE}=no`, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, SESSION_COOKIE)).toBeUndefined();
    expect(readCookie('', SESSION_COOKIE)).toBeUndefined();
  });
});

describe('the CSRF token', () => {
  it('is the session’s own: derived from the cookie, and no other matches', () => {
    expect(matchesCsrfToken('session-a', csrfTokenOf('session-a'))).toBe(true);
    expect(matchesCsrfToken('session-a', csrfTokenOf('session-b'))).toBe(false);
    expect(matchesCsrfToken('session-a', undefined)).toBe(false);
    expect(matchesCsrfToken('session-a', '')).toBe(false);
    expect(csrfTokenOf('session-a')).not.toContain('session-a');
  });
});
