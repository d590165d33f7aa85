import type { QueryParams } from '../../api/client';

/** What a cursor-paged list gave: every item up to the cap, and whether that was all of them. */
export interface AllPages<T> {
  items: T[];
  complete: boolean;
}

type Call = <P>(path: string, options: { query: QueryParams; signal?: AbortSignal }) => Promise<P>;

/**
 * Follows `nextCursor` until the list ends or `maxItems` are loaded, so that sorting and filtering in the
 * browser see every row rather than the first page.
 */
export async function fetchAllPages<P extends { nextCursor: string | null }, T>(
  call: Call,
  path: string,
  query: QueryParams & { limit: number },
  items: (page: P) => T[],
  { maxItems, signal }: { maxItems: number; signal?: AbortSignal },
): Promise<AllPages<T>> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await call<P>(path, { query: { ...query, cursor }, signal });
    all.push(...items(page));
    if (!page.nextCursor) return { items: all, complete: true };
    if (all.length >= maxItems) return { items: all, complete: false };
    cursor = page.nextCursor;
  }
}
