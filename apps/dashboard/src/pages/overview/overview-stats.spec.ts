import type { AccountSummary, Task } from '@bindery/contracts';
import { toAccountRow } from '../accounts/account-rows';
import { activeAccounts, atRiskAccounts, eventTotals, newestTasks } from './overview-stats';

const NOW = Date.parse('2026-11-23T15:00:00.000Z');

function account(id: string, over: Partial<AccountSummary>): AccountSummary {
  return {
    id,
    traits: {},
    users: 1,
    activeUsers7d: 0,
    activeUsers30d: 0,
    lastSeenAt: null,
    weeklyEvents: [0, 0, 0, 0, 0, 0, 0, 0],
    health: null,
    ...over,
  };
}

const scored = (score: number) => ({ day: '2026-11-23', score, abc: null, components: {} });

describe('activeAccounts', () => {
  it('counts accounts seen today (UTC), active in 7 and in 30 days, and all of them', () => {
    const accounts = [
      account('a', { lastSeenAt: '2026-11-23T00:00:00.000Z', activeUsers7d: 1, activeUsers30d: 1 }),
      account('b', { lastSeenAt: '2026-11-22T23:59:59.999Z', activeUsers7d: 2, activeUsers30d: 2 }),
      account('c', { lastSeenAt: '2026-11-01T10:00:00.000Z', activeUsers30d: 1 }),
      account('d', {}),
    ];
    expect(activeAccounts(accounts, NOW)).toEqual({ today: 1, week: 2, month: 3, total: 4 });
  });
});

describe('atRiskAccounts', () => {
  it('keeps the scored accounts below the line, lowest first, the larger MRR first on a tie', () => {
    const rows = [
      account('fine', { health: scored(90) }),
      account('low-small', { health: scored(45), traits: { mrr: 100 } }),
      account('lowest', { health: scored(20) }),
      account('low-big', { health: scored(45), traits: { mrr: 900 } }),
      account('unscored', {}),
    ].map((a) => toAccountRow(a, null));
    expect(atRiskAccounts(rows, 50).map((r) => r.id)).toEqual(['lowest', 'low-big', 'low-small']);
    expect(atRiskAccounts(rows, 30).map((r) => r.id)).toEqual(['lowest']);
  });
});

describe('newestTasks', () => {
  it('takes the most recently created tasks, newest first', () => {
    const tasks = ['2026-11-20', '2026-11-23', '2026-11-21', '2026-11-22'].map(
      (day, i) => ({ id: String(i), createdAt: `${day}T08:00:00.000Z` }) as Task,
    );
    expect(newestTasks(tasks, 2).map((t) => t.id)).toEqual(['1', '3']);
    expect(tasks.map((t) => t.id)).toEqual(['0', '1', '2', '3']);
  });
});

describe('eventTotals', () => {
  it('adds up the counts and finds the latest event', () => {
    const definitions = [
      { event: 'a', count: 5, firstSeen: '2026-11-01T00:00:00.000Z', lastSeen: '2026-11-22T10:00:00.000Z' },
      { event: 'b', count: 7, firstSeen: '2026-11-02T00:00:00.000Z', lastSeen: '2026-11-23T09:00:00.000Z' },
    ];
    expect(eventTotals({ definitions })).toEqual({ total: 12, lastSeen: '2026-11-23T09:00:00.000Z' });
    expect(eventTotals({ definitions: [] })).toEqual({ total: 0, lastSeen: null });
  });
});
