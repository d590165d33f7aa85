import { patchParams } from '../../components/url-state';
import { readTaskFilters, taskFilterPatch, taskListQuery } from './task-filters';

const written = (state: Parameters<typeof taskFilterPatch>[0], url = '') =>
  patchParams(new URLSearchParams(url), taskFilterPatch(state));

describe('task filters', () => {
  it('shows my tasks by default once I gave my email, all of them otherwise', () => {
    const none = new URLSearchParams();
    const defaults = { status: '', priority: '', sort: 'priority', q: '' };
    expect(readTaskFilters(none, 'maya@vendor.example')).toEqual({ view: 'mine', ...defaults });
    expect(readTaskFilters(none, '')).toEqual({ view: 'all', ...defaults });
  });

  it('reads the URL, falling back to the defaults for values it does not know', () => {
    expect(
      readTaskFilters(new URLSearchParams('view=unassigned&status=done&priority=P1,P2&sort=mrr&q=pine'), ''),
    ).toEqual({ view: 'unassigned', status: 'done', priority: 'P1,P2', sort: 'mrr', q: 'pine' });
    expect(readTaskFilters(new URLSearchParams('view=theirs&status=lost&priority=P9&sort=size'), '')).toEqual(
      {
        view: 'all',
        status: '',
        priority: '',
        sort: 'priority',
        q: '',
      },
    );
  });

  it('writes the URL without the defaults, and reads back what it wrote', () => {
    const state = { view: 'all' as const, status: 'snoozed', priority: '', sort: 'priority' as const, q: '' };
    expect(written(state).toString()).toBe('view=all&status=snoozed');
    expect(readTaskFilters(written(state), 'x@y.z')).toEqual(state);
    const sorted = { ...state, sort: 'health' as const, q: 'Pine Vale' };
    expect(written(sorted).toString()).toBe('view=all&status=snoozed&sort=health&q=Pine+Vale');
    expect(readTaskFilters(written(sorted), 'x@y.z')).toEqual(sorted);
  });

  it('changes only the filters named, and drops a filter set back to its default', () => {
    const url = 'view=mine&status=done&sort=mrr&q=pine&task=t1';
    expect(written({ priority: 'P1' }, url).toString()).toBe(
      'view=mine&status=done&sort=mrr&q=pine&task=t1&priority=P1',
    );
    expect(written({ status: '', sort: 'priority', q: '  ' }, url).toString()).toBe('view=mine&task=t1');
  });

  it('asks the API for the assignee of each view', () => {
    const base = { status: '', priority: '', sort: 'priority' as const, q: '' };
    expect(taskListQuery({ ...base, view: 'mine' }, 'maya@vendor.example')).toEqual({
      assignee: 'maya@vendor.example',
      status: undefined,
      priority: undefined,
      sort: undefined,
      q: undefined,
      limit: 50,
    });
    expect(taskListQuery({ ...base, view: 'unassigned' }, 'maya@vendor.example')?.assignee).toBe(
      'unassigned',
    );
    expect(taskListQuery({ ...base, view: 'all' }, 'maya@vendor.example')?.assignee).toBeUndefined();
    expect(
      taskListQuery(
        { ...base, view: 'all', status: 'done', priority: 'P1,P2', sort: 'mrr', q: ' pine ' },
        '',
      ),
    ).toMatchObject({
      status: 'done',
      priority: 'P1,P2',
      sort: 'mrr',
      q: 'pine',
    });
  });

  it('has no query for "mine" without an email', () => {
    expect(taskListQuery({ view: 'mine', status: '', priority: '', sort: 'priority', q: '' }, '')).toBeNull();
  });
});
