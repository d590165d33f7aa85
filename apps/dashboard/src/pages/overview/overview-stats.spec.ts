import { eventTotals } from './overview-stats';

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
