import { abcClasses, type AbcClass } from './abc-class';

/** The classes as a plain object, in the order of the input. */
const classes = (accounts: { accountId: string; mrr: number | null }[]): Record<string, AbcClass> =>
  Object.fromEntries(abcClasses(accounts));

describe('abcClasses', () => {
  it('puts the accounts up to 80 % of MRR in A, the next 15 % in B and the rest in C', () => {
    expect(
      classes([
        { accountId: 'a', mrr: 500 },
        { accountId: 'b', mrr: 300 },
        { accountId: 'c', mrr: 100 },
        { accountId: 'd', mrr: 50 },
        { accountId: 'e', mrr: 30 },
        { accountId: 'f', mrr: 20 },
      ]),
    ).toEqual({ a: 'A', b: 'A', c: 'B', d: 'B', e: 'C', f: 'C' });
  });

  it('ranks by MRR, largest first, whatever the order of the input', () => {
    expect(
      classes([
        { accountId: 'small', mrr: 5 },
        { accountId: 'mid', mrr: 15 },
        { accountId: 'big', mrr: 80 },
      ]),
    ).toEqual({ small: 'C', mid: 'B', big: 'A' });
  });

  it('puts an account straddling 80 % in A and one straddling 95 % in B', () => {
    // a covers 0–50 %, b 50–90 % (straddles 80 %), c 90–98 % (straddles 95 %), d 98–100 %.
    expect(
      classes([
        { accountId: 'a', mrr: 50 },
        { accountId: 'b', mrr: 40 },
        { accountId: 'c', mrr: 8 },
        { accountId: 'd', mrr: 2 },
      ]),
    ).toEqual({ a: 'A', b: 'A', c: 'B', d: 'C' });
  });

  it('starts B with the account that begins exactly at 80 % and C with the one at exactly 95 %', () => {
    expect(
      classes([
        { accountId: 'a', mrr: 80 },
        { accountId: 'b', mrr: 15 },
        { accountId: 'c', mrr: 5 },
      ]),
    ).toEqual({ a: 'A', b: 'B', c: 'C' });
  });

  it('keeps in A an account that begins just under 80 %', () => {
    expect(
      classes([
        { accountId: 'a', mrr: 799 },
        { accountId: 'b', mrr: 151 },
        { accountId: 'c', mrr: 50 },
      ]),
    ).toEqual({ a: 'A', b: 'A', c: 'C' });
  });

  it('leaves B empty when the accounts before one reach from under 80 % to 95 % or more', () => {
    expect(
      classes([
        { accountId: 'a', mrr: 95 },
        { accountId: 'b', mrr: 5 },
      ]),
    ).toEqual({ a: 'A', b: 'C' });
  });

  it('orders equal MRR by account id, so the first id takes the higher class at a boundary', () => {
    // big covers 0–60 %; m and n 20 % each: m (first by id) 60–80 %, n 80–100 %.
    const accounts = [
      { accountId: 'n', mrr: 20 },
      { accountId: 'big', mrr: 60 },
      { accountId: 'm', mrr: 20 },
    ];
    expect(classes(accounts)).toEqual({ n: 'B', big: 'A', m: 'A' });
    expect(classes([...accounts].reverse())).toEqual({ n: 'B', big: 'A', m: 'A' });
  });

  it('orders ids by code unit, so upper case comes before lower case', () => {
    expect(
      classes([
        { accountId: 'big', mrr: 60 },
        { accountId: 'b', mrr: 20 },
        { accountId: 'B', mrr: 20 },
      ]),
    ).toEqual({ big: 'A', b: 'B', B: 'A' });
  });

  it('puts accounts without MRR, with 0 or a negative MRR in C and leaves them out of the total', () => {
    expect(
      classes([
        { accountId: 'none', mrr: null },
        { accountId: 'a', mrr: 80 },
        { accountId: 'zero', mrr: 0 },
        { accountId: 'b', mrr: 20 },
        { accountId: 'refund', mrr: -50 },
      ]),
    ).toEqual({ none: 'C', a: 'A', zero: 'C', b: 'B', refund: 'C' });
  });

  it('puts a single paying account in A', () => {
    expect(
      classes([
        { accountId: 'only', mrr: 1 },
        { accountId: 'free', mrr: null },
      ]),
    ).toEqual({ only: 'A', free: 'C' });
  });

  it('puts every account in C when none pays, and returns nothing for no accounts', () => {
    expect(
      classes([
        { accountId: 'x', mrr: null },
        { accountId: 'y', mrr: 0 },
      ]),
    ).toEqual({ x: 'C', y: 'C' });
    expect(abcClasses([]).size).toBe(0);
  });

  it('keeps the accounts in the order of the input', () => {
    const accounts = [
      { accountId: 'c', mrr: 1 },
      { accountId: 'a', mrr: null },
      { accountId: 'b', mrr: 100 },
    ];
    expect([...abcClasses(accounts).keys()]).toEqual(['c', 'a', 'b']);
  });

  it('puts an account starting exactly at 80% of a decimal MRR total in B', () => {
    expect(
      abcClasses([
        { accountId: 'big', mrr: 13.2 },
        { accountId: 'small', mrr: 3.3 },
      ]),
    ).toEqual(
      new Map([
        ['big', 'A'],
        ['small', 'B'],
      ]),
    );
  });
});
