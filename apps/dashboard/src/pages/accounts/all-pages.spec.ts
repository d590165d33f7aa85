import { fetchAllPages } from './all-pages';

interface Page {
  rows: number[];
  nextCursor: string | null;
}

/** A list of `total` numbers served `limit` at a time, the cursor being the next offset. */
function server(total: number) {
  const seen: (string | undefined)[] = [];
  const call = <P>(_path: string, { query }: { query: Record<string, unknown> }): Promise<P> => {
    const cursor = query.cursor as string | undefined;
    seen.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const end = Math.min(total, start + Number(query.limit));
    const rows = Array.from({ length: end - start }, (_, i) => start + i);
    return Promise.resolve({ rows, nextCursor: end < total ? String(end) : null } as P);
  };
  return { call, seen };
}

describe('fetchAllPages', () => {
  it('follows the cursor to the end of the list', async () => {
    const { call, seen } = server(1_234);
    const result = await fetchAllPages(call, 'accounts', { limit: 500 }, (p: Page) => p.rows, {
      maxItems: 5_000,
    });
    expect(result.complete).toBe(true);
    expect(result.items).toHaveLength(1_234);
    expect(result.items[1_233]).toBe(1_233);
    expect(seen).toEqual([undefined, '500', '1000']);
  });

  it('stops at the cap and says the list goes on', async () => {
    const { call, seen } = server(10_000);
    const result = await fetchAllPages(call, 'accounts', { limit: 500 }, (p: Page) => p.rows, {
      maxItems: 1_000,
    });
    expect(result).toMatchObject({ complete: false });
    expect(result.items).toHaveLength(1_000);
    expect(seen).toHaveLength(2);
  });

  it('reads an empty list as complete', async () => {
    const { call } = server(0);
    const result = await fetchAllPages(call, 'tasks', { limit: 500 }, (p: Page) => p.rows, { maxItems: 10 });
    expect(result).toEqual({ items: [], complete: true });
  });
});
