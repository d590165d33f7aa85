import type { AccountListItem } from '@bindery/contracts';
import {
  type AccountFilter,
  filterFromParams,
  filterToParams,
  filterToQuery,
  NO_FILTER,
  numberTrait,
  toAccountRow,
  weeklyTrend,
} from './account-rows';

function account(id: string, over: Partial<AccountListItem> = {}): AccountListItem {
  return {
    id,
    openTasks: 0,
    traits: {},
    users: 3,
    activeUsers7d: 2,
    activeUsers30d: 3,
    lastSeenAt: '2026-11-20T10:00:00.000Z',
    weeklyEvents: [10, 10, 10, 10, 10, 10, 10, 10],
    health: null,
    ...over,
  };
}

const health = (score: number, abc: 'A' | 'B' | 'C' | null = null): AccountListItem['health'] => ({
  day: '2026-11-23',
  score,
  abc,
  components: {},
});

describe('toAccountRow', () => {
  it('reads the name, MRR and CSM traits and counts the open tasks', () => {
    const row = toAccountRow(
      account('acct-1', {
        traits: { name: ' Acme ', mrr: '499.5', csm_email: 'li@vendor.example', plan: 'pro' },
        health: health(64, 'B'),
        openTasks: 2,
      }),
    );
    expect(row).toMatchObject({
      id: 'acct-1',
      name: 'Acme',
      mrr: 499.5,
      csm: 'li@vendor.example',
      plan: 'pro',
      score: 64,
      abc: 'B',
      openTasks: 2,
    });
  });

  it('falls back to the id without a name, and leaves what is missing empty', () => {
    const row = toAccountRow(account('acct-2', { traits: { name: '', mrr: 'lots' } }));
    expect(row).toMatchObject({ name: 'acct-2', mrr: null, csm: null, score: null, abc: null, openTasks: 0 });
  });
});

describe('traits and trend', () => {
  it('reads a number from a number or a numeric string only', () => {
    const traits = { a: 12, b: '7', c: '', d: 'x', e: null, f: Infinity };
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => numberTrait(traits, k))).toEqual([
      12,
      7,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('compares the last week with the three before it', () => {
    expect(weeklyTrend([0, 0, 0, 0, 100, 100, 100, 50])).toBeCloseTo(-0.5);
    expect(weeklyTrend([0, 0, 0, 0, 10, 20, 30, 40])).toBeCloseTo(1);
    expect(weeklyTrend([5, 5, 5, 5, 0, 0, 0, 7])).toBeNull();
  });
});

describe('filters', () => {
  it('round-trips through the address, ignoring a class it does not know', () => {
    const filter: AccountFilter = { text: 'ac', abc: 'none', csm: 'li@v.example', atRisk: true };
    expect(filterToParams(filter).toString()).toBe('q=ac&abc=none&csm=li%40v.example&risk=1');
    expect(filterFromParams(filterToParams(filter))).toEqual(filter);
    expect(filterFromParams(new URLSearchParams('abc=Z&risk=yes'))).toEqual(NO_FILTER);
    expect(filterToParams(NO_FILTER).toString()).toBe('');
  });

  it('asks the server for what is set, without blank text', () => {
    expect(filterToQuery({ text: ' ac ', abc: 'none', csm: 'li@v.example', atRisk: true })).toEqual({
      q: 'ac',
      abc: 'none',
      csm: 'li@v.example',
      risk: true,
    });
    expect(Object.values(filterToQuery({ ...NO_FILTER, text: '  ' })).filter((v) => v !== undefined)).toEqual(
      [],
    );
  });
});
