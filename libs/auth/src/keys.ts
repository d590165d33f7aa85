import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type KeyKind } from '@bindery/contracts';

const PREFIX: Record<KeyKind, string> = { write: 'wk_', secret: 'sk_' };

/** A new random key: 192 bits for write keys, 256 for secret keys, with a prefix that says which. */
export function generateKey(kind: KeyKind): string {
  return PREFIX[kind] + randomBytes(kind === 'write' ? 24 : 32).toString('base64url');
}

/** Keys are long random strings, so SHA-256 is enough to store them safely and to look them up by hash. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What may be shown of a key later: all of a (public) write key, the first characters of a secret one. */
export function keyHint(kind: KeyKind, key: string): string {
  return kind === 'write' ? key : `${key.slice(0, 7)}…`;
}

/** Compares a presented secret with a stored hash in constant time. */
export function matchesHash(presented: string, storedHash: string): boolean {
  const a = Buffer.from(hashKey(presented), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer …` header, or of `Basic` (the user name, as Segment sends it). */
export function credentialFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;

  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const user = decoded.split(':', 1)[0];
    return user || undefined;
  }
  return undefined;
}
