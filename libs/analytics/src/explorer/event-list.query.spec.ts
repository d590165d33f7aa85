import { DomainError } from '@bindery/contracts';
import { decodeCursor, encodeCursor, eventDefinitionsQuery, eventListQuery } from './event-list.query';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const CURSOR = { timestamp: 1_714_564_800_123, eventId: 'evt-42' };

/** The DomainError that `run` throws. */
function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('eventListQuery', () => {
  it('filters on every field, after the cursor', () => {
    expect(
      eventListQuery(PROJECT, {
        event: 'Report Exported',
        userId: 'user-1',
        accountId: 'acme',
        from: '2024-05-01T00:00:00.000Z',
        to: '2024-05-02T00:00:00.000Z',
        limit: 50,
        cursor: encodeCursor(CURSOR),
      }),
    ).toMatchSnapshot();
  });

  it('filters on the project alone without filters', () => {
    expect(eventListQuery(PROJECT, { limit: 100 })).toMatchSnapshot();
  });

  it('asks for one row more than the page', () => {
    expect(eventListQuery(PROJECT, { limit: 1 }).params.limit).toBe(2);
  });

  it('binds times as epoch milliseconds and the cursor as its parts', () => {
    const { params } = eventListQuery(PROJECT, {
      from: '2024-05-01T02:00:00+02:00',
      to: '2024-05-01T00:00:01.5Z',
      limit: 10,
      cursor: encodeCursor(CURSOR),
    });

    expect(params).toEqual({
      projectId: PROJECT,
      limit: 11,
      from: 1_714_521_600_000,
      to: 1_714_521_601_500,
      cursorTs: 1_714_564_800_123,
      cursorId: 'evt-42',
    });
  });

  it('puts input values in params only, never in the SQL', () => {
    const evil = "x' OR 1=1 --";
    const { query, params } = eventListQuery(PROJECT, {
      event: evil,
      userId: evil,
      accountId: evil,
      limit: 10,
      cursor: encodeCursor({ timestamp: 1, eventId: evil }),
    });

    expect(query).not.toContain(evil);
    expect(query).not.toContain("x'");
    expect(query).not.toContain(PROJECT);
    expect(params).toMatchObject({ event: evil, userId: evil, accountId: evil, cursorId: evil });
    expect(query).toContain('event = {event:String}');
    expect(query).toContain('user_id = {userId:String}');
    expect(query).toContain('account_id = {accountId:String}');
  });

  it('refuses a garbage cursor with invalid_input', () => {
    const error = domainError(() => eventListQuery(PROJECT, { limit: 10, cursor: 'not-a-cursor' }));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('cursor is not a cursor this API returned');
  });
});

describe('cursors', () => {
  it('round-trip through encode and decode', () => {
    expect(decodeCursor(encodeCursor(CURSOR))).toEqual(CURSOR);
    expect(decodeCursor(encodeCursor({ timestamp: 0, eventId: '' }))).toEqual({ timestamp: 0, eventId: '' });
  });

  it('are URL-safe base64 of [timestamp, eventId]', () => {
    const cursor = encodeCursor({ timestamp: 1, eventId: '??>>' });

    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(cursor, 'base64url').toString('utf8')).toBe('[1,"??>>"]');
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['an empty string', ''],
    ['JSON that is not an array', Buffer.from('{"timestamp":1}').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['a non-integer timestamp', Buffer.from('[1.5,"e"]').toString('base64url')],
    ['a string timestamp', Buffer.from('["1","e"]').toString('base64url')],
    ['a numeric event id', Buffer.from('[1,2]').toString('base64url')],
  ])('refuse %s with a DomainError invalid_input', (_name, cursor) => {
    const error = domainError(() => decodeCursor(cursor));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('cursor is not a cursor this API returned');
  });
});

describe('eventDefinitionsQuery', () => {
  it('binds the project id', () => {
    const { query, params } = eventDefinitionsQuery(PROJECT);

    expect(params).toEqual({ projectId: PROJECT });
    expect(query).toContain('WHERE project_id = {projectId:UUID}');
    expect(query).not.toContain(PROJECT);
  });
});
