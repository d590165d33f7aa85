import { describeChange, noteOf } from './timeline';

describe('describeChange', () => {
  it('tells the rules engine’s entries', () => {
    expect(describeChange({ created: true, signalId: 's1', priority: 'P1', abc: 'B' })).toBe(
      'Created as P1, account class B',
    );
    expect(describeChange({ signalId: 's2', ruleId: 'r1' })).toBe('Its rule fired again');
    expect(
      describeChange({ status: 'done', outcome: 'condition_cleared', reason: 'active again: 6 of 10 users' }),
    ).toBe('Status set to Done; outcome: Condition cleared (active again: 6 of 10 users)');
    expect(describeChange({ conditionCleared: 'active again' })).toBe(
      'Its condition cleared (active again); left open for you to close',
    );
  });

  it('tells a CSM’s changes', () => {
    expect(describeChange({ snoozedUntil: '2026-11-26T00:00:00.000Z' })).toBe('Snoozed until 26 Nov 2026');
    expect(describeChange({ status: 'in_progress' })).toBe('Status set to In progress');
    expect(describeChange({ assignee: 'li@vendor.example' })).toBe('Assigned to li@vendor.example');
    expect(describeChange({ assignee: null })).toBe('Unassigned');
    expect(describeChange({ status: 'done', assignee: null })).toBe('Status set to Done; Unassigned');
    expect(describeChange({ status: 'dismissed', outcome: 'other', outcomeNote: 'Moved to a partner' })).toBe(
      'Status set to Dismissed; outcome: Other (Moved to a partner)',
    );
    expect(describeChange({ status: 'done', outcome: 'no_response' })).toBe(
      'Status set to Done; outcome: No response',
    );
    expect(describeChange({ created: true, priority: 'P3', assignee: 'li@vendor.example' })).toBe(
      'Created as P3, for li@vendor.example',
    );
  });

  it('tells a note', () => {
    expect(describeChange({ note: 'Called them', noteId: 'n1' })).toBe('Note: Called them');
    expect(noteOf({ note: 'Called them', noteId: 'n1' })).toBe('Called them');
    expect(noteOf({ status: 'done' })).toBeNull();
  });

  it('shows an entry it does not know as its JSON', () => {
    expect(describeChange({ merged: 'x' })).toBe('{"merged":"x"}');
  });
});
