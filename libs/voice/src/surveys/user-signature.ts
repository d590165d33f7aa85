import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature a customer's server computes for a person: hex HMAC-SHA256 of the user id with the survey secret. */
export function signUserId(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(userId, 'utf8').digest('hex');
}

/** Whether `signature` is the person's signature, compared in constant time. */
export function isUserSignature(secret: string, userId: string, signature: string): boolean {
  const expected = Buffer.from(signUserId(secret, userId), 'hex');
  const given = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
