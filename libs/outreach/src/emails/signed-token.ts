import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token is for: part of what is signed, so that one kind of token is never taken for another. */
export type TokenPurpose = 'click' | 'open';

const sign = (purpose: TokenPurpose, payload: string, key: string) =>
  createHmac('sha256', key).update(`${purpose}.${payload}`).digest('base64url');

/** A URL-safe token: the fields as base64url JSON, and an HMAC over them and the purpose. */
export function signedToken(purpose: TokenPurpose, fields: unknown[], key: string): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${sign(purpose, payload, key)}`;
}

/** The fields of a token signed with `key` for `purpose`, or undefined if it was not, or is malformed. */
export function readSignedToken(purpose: TokenPurpose, token: string, key: string): unknown[] | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(purpose, payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return Array.isArray(fields) ? fields : undefined;
  } catch {
    return undefined;
  }
}
