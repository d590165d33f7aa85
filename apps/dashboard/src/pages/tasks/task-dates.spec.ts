import { firstSnoozeDay, isOverdue, snoozeChoices, startOfDayIso } from './task-dates';

const NOW = Date.parse('2026-11-23T22:30:00Z');

describe('task dates', () => {
  it('snoozes until the start of the chosen UTC day', () => {
    expect(startOfDayIso('2026-11-26')).toBe('2026-11-26T00:00:00.000Z');
    expect(startOfDayIso('')).toBeNull();
    expect(startOfDayIso('26/11/2026')).toBeNull();
    expect(startOfDayIso('2026-13-45')).toBeNull();
  });

  it('offers tomorrow, three days and a week from today (UTC), tomorrow being the earliest day', () => {
    expect(snoozeChoices(NOW)).toEqual([
      { label: 'Tomorrow', date: '2026-11-24' },
      { label: 'In 3 days', date: '2026-11-26' },
      { label: 'Next week', date: '2026-11-30' },
    ]);
    expect(firstSnoozeDay(NOW)).toBe('2026-11-24');
  });

  it('calls a task overdue only while it is still to be worked', () => {
    const due = '2026-11-23T10:00:00Z';
    expect(isOverdue({ status: 'open', dueAt: due }, NOW)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: due }, NOW)).toBe(true);
    expect(isOverdue({ status: 'done', dueAt: due }, NOW)).toBe(false);
    expect(isOverdue({ status: 'snoozed', dueAt: due }, NOW)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: '2026-11-24T10:00:00Z' }, NOW)).toBe(false);
  });
});
