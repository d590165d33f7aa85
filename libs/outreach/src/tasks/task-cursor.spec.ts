import { type DomainError } from '@bindery/contracts';
import { type ListedTask } from '@bindery/db';
import { decodeTaskCursor, encodeTaskCursor } from './task-cursor';

const ID = '0190f000-0000-7000-8000-000000000101';
const task = (over: Partial<ListedTask>) =>
  ({
    id: ID,
    priority: 'P2',
    due_at: new Date('2026-03-04T05:06:07.089Z'),
    sort_key: null,
    ...over,
  }) as ListedTask;
const invalid = (message: RegExp) =>
  expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(message) }) as DomainError;
const raw = (fields: unknown) => Buffer.from(JSON.stringify(fields)).toString('base64url');

describe('task list cursors', () => {
  it('reads back the priority order’s cursor as before sorts existed', () => {
    const cursor = encodeTaskCursor('priority', task({}));

    expect(cursor).toBe(raw(['P2', '2026-03-04T05:06:07.089Z', ID]));
    expect(decodeTaskCursor(cursor, 'priority')).toEqual({
      after: { priority: 'P2', dueAt: new Date('2026-03-04T05:06:07.089Z'), id: ID },
    });
  });

  it.each([
    ['due', 1_772_600_767.089123],
    ['created', 1_772_600_767.5],
    ['mrr', 4488],
    ['mrr', -1],
    ['health', 1000],
  ] as const)('carries the %s order’s key %d exactly', (sort, key) => {
    expect(decodeTaskCursor(encodeTaskCursor(sort, task({ sort_key: key })), sort)).toEqual({
      afterKey: { key, id: ID },
    });
  });

  it('refuses a cursor of another order, naming both', () => {
    expect(() => decodeTaskCursor(encodeTaskCursor('mrr', task({ sort_key: 5 })), 'health')).toThrow(
      invalid(/of the mrr order, not of health/),
    );
    expect(() => decodeTaskCursor(encodeTaskCursor('priority', task({})), 'due')).toThrow(
      invalid(/of the priority order, not of due/),
    );
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['not a list', raw({ a: 1 })],
    ['an id that is not a uuid', raw(['mrr', 5, "x' or 1=1"])],
    ['a key that is not a number', raw(['mrr', '5', ID])],
    ['an unknown order', raw(['<b>', 5, ID])],
  ])('refuses %s', (_what, cursor) => {
    expect(() => decodeTaskCursor(cursor, 'mrr')).toThrow(
      invalid(/^cursor is not a cursor this API returned$/),
    );
  });

  it('refuses a priority cursor with a bad due date', () => {
    expect(() => decodeTaskCursor(raw(['P1', 'tomorrow', ID]), 'priority')).toThrow(
      invalid(/^cursor is not a cursor this API returned$/),
    );
  });
});
