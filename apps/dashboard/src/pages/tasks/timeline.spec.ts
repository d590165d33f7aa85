import { describeChange } from './timeline';

describe('describeChange', () => {
  it('tells the rules engine’s entries', () => {
    expect(describeChange({ created: true, signalId: 's1', priority: 'P1', abc: 'B' })).toBe(
      'Created as P1, account class B',
    );
    expect(describeChange({ signalId: 's2', ruleId: 'r1' })).toBe('Its rule fired again');
  });

  it('tells a CSM’s changes', () => {
    expect(describeChange({ snoozedUntil: '2026-11-26T00:00:00.000Z' })).toBe('Snoozed until 26 Nov 2026');
    expect(describeChange({ status: 'in_progress' })).toBe('Status set to In progress');
    expect(describeChange({ assignee: 'li@vendor.example' })).toBe('Assigned to li@vendor.example');
    expect(describeChange({ assignee: null })).toBe('Unassigned');
    expect(describeChange({ status: 'done', assignee: null })).toBe('Status set to Done; Unassigned');
  });

  it('shows an entry it does not know as its JSON', () => {
    expect(describeChange({ merged: 'x' })).toBe('{"merged":"x"}');
  });
});
