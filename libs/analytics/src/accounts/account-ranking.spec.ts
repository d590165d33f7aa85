import {
  type AccountFacts,
  decodeOffset,
  encodeOffset,
  isRanked,
  numberOf,
  parseSort,
  sortAccounts,
  textOf,
  trendOf,
} from './account-ranking';

const facts = (id: string, over: Partial<AccountFacts> = {}): AccountFacts => ({
  id,
  name: id,
  csm: null,
  mrr: null,
  score: null,
  abc: null,
  lastSeen: null,
  ...over,
});

describe('account ranking', () => {
  it('ranks only when sorted or filtered', () => {
    expect(isRanked({ limit: 50 })).toBe(false);
    expect(isRanked({ limit: 50, risk: false })).toBe(false);
    expect(isRanked({ limit: 50, risk: true })).toBe(true);
    expect(isRanked({ limit: 50, sort: 'name' })).toBe(true);
    expect(parseSort('-lastSeen')).toEqual({ key: 'lastSeen', descending: true });
    expect(parseSort(undefined)).toEqual({ key: 'name', descending: false });
  });

  it('reads traits as the dashboard does: trimmed text, numbers from numbers or numeric strings', () => {
    expect([textOf('" Acme "'), textOf('"  "'), textOf(''), textOf('12')]).toEqual([
      'Acme',
      null,
      null,
      null,
    ]);
    expect([numberOf('12.5'), numberOf('"7"'), numberOf('""'), numberOf('"lots"'), numberOf('')]).toEqual([
      12.5,
      7,
      null,
      null,
      null,
    ]);
  });

  it('compares the last week with the mean of the three before it', () => {
    expect(trendOf(50, 300)).toBeCloseTo(-0.5);
    expect(trendOf(7, 0)).toBeNull();
  });

  it('puts empty values last in both directions and breaks ties by id', () => {
    const rows = [
      facts('d', { score: 40 }),
      facts('c'),
      facts('b', { score: 40 }),
      facts('a', { score: 90 }),
    ];
    expect(sortAccounts(rows, { key: 'health', descending: false }).map((r) => r.id)).toEqual([
      'b',
      'd',
      'a',
      'c',
    ]);
    expect(sortAccounts(rows, { key: 'health', descending: true }).map((r) => r.id)).toEqual([
      'a',
      'b',
      'd',
      'c',
    ]);
  });

  it('pages by an offset cursor and refuses one it did not make', () => {
    expect(decodeOffset(encodeOffset(300))).toBe(300);
    expect(() => decodeOffset('bm90LWEtY3Vyc29y')).toThrow('cursor');
    expect(() => decodeOffset(encodeOffset(-1))).toThrow('cursor');
  });
});
