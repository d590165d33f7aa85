import { createHmac, timingSafeEqual } from 'node:crypto';

/** Who an unsubscribe link is for. */
export interface Unsubscriber {
  projectId: string;
  email: string;
}

const sign = (payload: string, key: string) => createHmac('sha256', key).update(payload).digest('base64url');

/** A link token: the project and address, and an HMAC over them, so that it works without a login. */
export function unsubscribeToken(who: Unsubscriber, key: string): string {
  const payload = Buffer.from(JSON.stringify([who.projectId, who.email.toLowerCase()])).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** The recipient a token names, or undefined if it was not signed with `key` or is malformed. */
export function readUnsubscribeToken(token: string, key: string): Unsubscriber | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const [projectId, email] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    return typeof projectId === 'string' && typeof email === 'string' ? { projectId, email } : undefined;
  } catch {
    return undefined;
  }
}
