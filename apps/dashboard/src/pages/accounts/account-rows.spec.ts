import type { AccountSummary, Task } from '@bindery/contracts';
import {
  type AccountFilter,
  countByAccount,
  csmsOf,
  filterFromParams,
  filterToParams,
  matchesFilter,
  NO_FILTER,
  numberTrait,
  toAccountRow,
  weeklyTrend,
} from './account-rows';

function account(id: string, over: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id,
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

const health = (score: number, abc: 'A' | 'B' | 'C' | null = null): AccountSummary['health'] => ({
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
      }),
      new Map([['acct-1', 2]]),
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
    const row = toAccountRow(account('acct-2', { traits: { name: '', mrr: 'lots' } }), new Map());
    expect(row).toMatchObject({ name: 'acct-2', mrr: null, csm: null, score: null, abc: null, openTasks: 0 });
  });

  it('has no open-task count while the tasks are not loaded', () => {
    expect(toAccountRow(account('acct-3'), null).openTasks).toBeNull();
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

  it('counts open tasks per account, leaving out tasks without one', () => {
    const tasks = [{ accountId: 'a' }, { accountId: 'b' }, { accountId: 'a' }, { accountId: null }] as Task[];
    expect(countByAccount(tasks)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });
});

describe('filters', () => {
  const rows = [
    toAccountRow(
      account('acct-1', { traits: { name: 'Acme', csm_email: 'li@v.example' }, health: health(40, 'A') }),
      null,
    ),
    toAccountRow(
      account('acct-2', { traits: { name: 'Birch', csm_email: 'omar@v.example' }, health: health(90, 'C') }),
      null,
    ),
    toAccountRow(account('acct-3', { traits: { name: 'Cedar' } }), null),
  ];
  const ids = (filter: Partial<AccountFilter>) =>
    rows.filter((r) => matchesFilter(r, { ...NO_FILTER, ...filter }, 50)).map((r) => r.id);

  it('keeps every row without a filter', () => {
    expect(ids({})).toEqual(['acct-1', 'acct-2', 'acct-3']);
  });

  it('matches text in the name, the id or the CSM, in any case', () => {
    expect(ids({ text: 'BIRCH' })).toEqual(['acct-2']);
    expect(ids({ text: 'acct-3' })).toEqual(['acct-3']);
    expect(ids({ text: 'li@' })).toEqual(['acct-1']);
    expect(ids({ text: '  ' })).toHaveLength(3);
  });

  it('filters by class and by CSM, "none" meaning without one', () => {
    expect(ids({ abc: 'A' })).toEqual(['acct-1']);
    expect(ids({ abc: 'none' })).toEqual(['acct-3']);
    expect(ids({ csm: 'omar@v.example' })).toEqual(['acct-2']);
    expect(ids({ csm: 'none' })).toEqual(['acct-3']);
  });

  it('keeps the scored accounts below the line when "at risk" is on', () => {
    expect(ids({ atRisk: true })).toEqual(['acct-1']);
    expect(ids({ atRisk: true, csm: 'omar@v.example' })).toEqual([]);
  });

  it('lists the CSMs once each, sorted', () => {
    expect(csmsOf([...rows, ...rows])).toEqual(['li@v.example', 'omar@v.example']);
  });

  it('round-trips through the address, ignoring a class it does not know', () => {
    const filter: AccountFilter = { text: 'ac', abc: 'none', csm: 'li@v.example', atRisk: true };
    expect(filterToParams(filter).toString()).toBe('q=ac&abc=none&csm=li%40v.example&risk=1');
    expect(filterFromParams(filterToParams(filter))).toEqual(filter);
    expect(filterFromParams(new URLSearchParams('abc=Z&risk=yes'))).toEqual(NO_FILTER);
    expect(filterToParams(NO_FILTER).toString()).toBe('');
  });
});
