import { InvalidInput } from '@bindery/contracts';

/** An opaque cursor for lists ordered by one string key: the last key of the page. */
export const encodeAfter = (key: string) => Buffer.from(JSON.stringify([key])).toString('base64url');

/** The key a cursor from {@link encodeAfter} holds; a cursor this API did not return is invalid input. */
export function decodeAfter(cursor: string): string {
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string') return key;
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor this API returned');
}

/** An opaque cursor for lists ordered by (created_at, id), newest first: the last row of the page. */
export const encodeCreatedCursor = (createdAt: Date, id: string) =>
  Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The (created_at, id) a cursor from {@link encodeCreatedCursor} holds (ids are UUIDs); any other is invalid input. */
export function decodeCreatedCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && UUID.test(id) && !Number.isNaN(Date.parse(at))) {
      return { createdAt: new Date(at), id };
    }
  } catch {
    // falls through to the error below
  }
  throw InvalidInput('cursor is not a cursor this API returned');
}
