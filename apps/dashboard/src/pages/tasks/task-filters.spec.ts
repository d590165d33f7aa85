import { readTaskFilters, taskListQuery, writeTaskFilters } from './task-filters';

describe('task filters', () => {
  it('shows my tasks by default once I gave my email, all of them otherwise', () => {
    const none = new URLSearchParams();
    expect(readTaskFilters(none, 'maya@vendor.example')).toEqual({ view: 'mine', status: '', priority: '' });
    expect(readTaskFilters(none, '')).toEqual({ view: 'all', status: '', priority: '' });
  });

  it('reads the URL, falling back to the defaults for values it does not know', () => {
    expect(readTaskFilters(new URLSearchParams('view=unassigned&status=done&priority=P1,P2'), '')).toEqual({
      view: 'unassigned',
      status: 'done',
      priority: 'P1,P2',
    });
    expect(readTaskFilters(new URLSearchParams('view=theirs&status=lost&priority=P9'), '')).toEqual({
      view: 'all',
      status: '',
      priority: '',
    });
  });

  it('writes the URL without the defaults, and reads back what it wrote', () => {
    const state = { view: 'all' as const, status: 'snoozed', priority: '' };
    expect(writeTaskFilters(state).toString()).toBe('view=all&status=snoozed');
    expect(readTaskFilters(writeTaskFilters(state), 'x@y.z')).toEqual(state);
  });

  it('asks the API for the assignee of each view', () => {
    const base = { status: '', priority: '' };
    expect(taskListQuery({ ...base, view: 'mine' }, 'maya@vendor.example')).toEqual({
      assignee: 'maya@vendor.example',
      status: undefined,
      priority: undefined,
      limit: 50,
    });
    expect(taskListQuery({ ...base, view: 'unassigned' }, 'maya@vendor.example')?.assignee).toBe(
      'unassigned',
    );
    expect(taskListQuery({ ...base, view: 'all' }, 'maya@vendor.example')?.assignee).toBeUndefined();
    expect(taskListQuery({ view: 'all', status: 'done', priority: 'P1,P2' }, '')).toMatchObject({
      status: 'done',
      priority: 'P1,P2',
    });
  });

  it('has no query for "mine" without an email', () => {
    expect(taskListQuery({ view: 'mine', status: '', priority: '' }, '')).toBeNull();
  });
});
