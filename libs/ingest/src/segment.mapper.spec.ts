import { type EventRow, type SegmentType } from '@bindery/contracts';
import { type MappedItem } from './mapped-event';
import { mapSegmentMessage, type SegmentEnvelope } from './segment.mapper';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const RECEIVED = Date.parse('2024-05-01T12:00:00.000Z');
const ENVELOPE: SegmentEnvelope = { receivedAt: RECEIVED, maxEventBytes: 32 * 1024 };
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function map(item: unknown, callType?: SegmentType, envelope: Partial<SegmentEnvelope> = {}): MappedItem {
  return mapSegmentMessage(PROJECT, item, callType, { ...ENVELOPE, ...envelope });
}

/** The row an item maps to; fails the test with the refusal otherwise. */
function row(item: unknown, callType?: SegmentType, envelope: Partial<SegmentEnvelope> = {}): EventRow {
  const mapped = map(item, callType, envelope);
  if (!mapped.ok) throw new Error(`refused: ${mapped.code} ${mapped.message}`);
  return mapped.row;
}

const json = (text: string): unknown => JSON.parse(text);

describe('mapSegmentMessage', () => {
  it('maps a track call onto a whole row', () => {
    const mapped = row({
      type: 'track',
      event: 'Report Exported',
      userId: 'user-1',
      anonymousId: 'anon-1',
      messageId: 'msg-1',
      timestamp: '2024-05-01T11:59:00.000Z',
      properties: { format: 'csv' },
      context: { library: { name: 'analytics.js', version: '5.1.0' }, ip: '192.0.2.1' },
      integrations: { All: true },
    });

    expect(mapped).toEqual({
      project_id: PROJECT,
      event_id: 'msg-1',
      type: 'track',
      event: 'Report Exported',
      feature: 'Report Exported',
      timestamp: Date.parse('2024-05-01T11:59:00.000Z'),
      received_at: RECEIVED,
      user_id: 'user-1',
      anonymous_id: 'anon-1',
      account_id: '',
      session_id: '',
      properties: '{"format":"csv"}',
      context: '{"library":{"name":"analytics.js","version":"5.1.0"},"ip":"192.0.2.1"}',
      traits: '{}',
      library_name: 'analytics.js',
      library_version: '5.1.0',
      source: 'segment',
    });
  });

  it.each([
    ['identify', {}, '$identify'],
    ['group', { groupId: 'acme' }, '$group'],
    ['page', {}, '$page'],
    ['screen', {}, '$screen'],
    ['alias', { previousId: 'anon-1' }, '$alias'],
  ] as const)('names a %s call %s', (type, fields, event) => {
    const mapped = row({ type, userId: 'user-1', ...fields });

    expect(mapped.type).toBe(type);
    expect(mapped.event).toBe(event);
    expect(mapped.feature).toBe('');
  });

  it('takes the type from the endpoint, over the type in the body', () => {
    expect(row({ event: 'Signed Up', userId: 'user-1' }, 'track').type).toBe('track');
    expect(row({ type: 'track', userId: 'user-1' }, 'identify').event).toBe('$identify');
  });

  it('merges the batch context under the message context, the message winning', () => {
    const mapped = row(
      { type: 'track', event: 'E', userId: 'u', context: { ip: '192.0.2.2', page: { path: '/a' } } },
      undefined,
      {
        context: { ip: '192.0.2.1', locale: 'fr-FR', library: { name: 'analytics-node', version: '2.0.0' } },
      },
    );

    expect(json(mapped.context)).toEqual({
      ip: '192.0.2.2',
      locale: 'fr-FR',
      library: { name: 'analytics-node', version: '2.0.0' },
      page: { path: '/a' },
    });
    expect([mapped.library_name, mapped.library_version]).toEqual(['analytics-node', '2.0.0']);
  });

  it('leaves the library empty when the context names none', () => {
    const mapped = row({ type: 'track', event: 'E', userId: 'u', context: { library: 'analytics.js' } });

    expect([mapped.library_name, mapped.library_version]).toEqual(['', '']);
  });

  describe('feature', () => {
    it('is properties.feature of a track call', () => {
      expect(
        row({ type: 'track', event: 'Clicked', userId: 'u', properties: { feature: 'billing' } }).feature,
      ).toBe('billing');
    });

    it('is the event name when properties.feature is empty or not a string', () => {
      expect(row({ type: 'track', event: 'Clicked', userId: 'u', properties: { feature: '' } }).feature).toBe(
        'Clicked',
      );
      expect(row({ type: 'track', event: 'Clicked', userId: 'u', properties: { feature: 7 } }).feature).toBe(
        'Clicked',
      );
    });

    it('is cut to 200 characters', () => {
      const feature = 'f'.repeat(250);

      expect(row({ type: 'track', event: 'E', userId: 'u', properties: { feature } }).feature).toBe(
        'f'.repeat(200),
      );
    });

    it('is cut by code points: an emoji at the 200th is kept whole, one past it dropped whole', () => {
      const letters = 'f'.repeat(199);
      const feature = (f: string) =>
        row({ type: 'track', event: 'E', userId: 'u', properties: { feature: f } }).feature;

      expect(feature(`${letters}😀`)).toBe(`${letters}😀`);
      expect(feature(`${letters}x😀`)).toBe(`${letters}x`);
      expect(feature('😀'.repeat(250))).toBe('😀'.repeat(200));
    });

    it('is empty for calls other than track, whatever the properties say', () => {
      expect(row({ type: 'page', userId: 'u', properties: { feature: 'billing' } }).feature).toBe('');
    });
  });

  describe('account', () => {
    it('comes from context.groupId', () => {
      expect(row({ type: 'track', event: 'E', userId: 'u', context: { groupId: 'acme' } }).account_id).toBe(
        'acme',
      );
    });

    it('comes from properties.groupId when the context has none', () => {
      expect(
        row({ type: 'track', event: 'E', userId: 'u', properties: { groupId: 'acme' } }).account_id,
      ).toBe('acme');
    });

    it('prefers context.groupId to properties.groupId', () => {
      const item = {
        type: 'track',
        event: 'E',
        userId: 'u',
        context: { groupId: 'ctx' },
        properties: { groupId: 'p' },
      };

      expect(row(item).account_id).toBe('ctx');
    });

    it("is a group call's groupId, numbers as strings, over context.groupId", () => {
      expect(
        row({ type: 'group', groupId: 'acme', userId: 'u', context: { groupId: 'other' } }).account_id,
      ).toBe('acme');
      expect(row({ type: 'group', groupId: 42, userId: 'u' }).account_id).toBe('42');
    });

    it('lets a group call with no user through', () => {
      const mapped = row({ type: 'group', groupId: 'acme' });

      expect([mapped.user_id, mapped.anonymous_id, mapped.account_id]).toEqual(['', '', 'acme']);
    });
  });

  describe('identity', () => {
    it('stringifies a numeric userId', () => {
      expect(row({ type: 'track', event: 'E', userId: 42 }).user_id).toBe('42');
    });

    it('takes an anonymousId alone', () => {
      const mapped = row({ type: 'track', event: 'E', anonymousId: 'anon-1', userId: null });

      expect([mapped.user_id, mapped.anonymous_id]).toEqual(['', 'anon-1']);
    });

    it('keeps messageId as the event id', () => {
      expect(row({ type: 'track', event: 'E', userId: 'u', messageId: 'ajs-next-123' }).event_id).toBe(
        'ajs-next-123',
      );
    });

    it('generates a new UUID v7 when messageId is absent', () => {
      const first = row({ type: 'track', event: 'E', userId: 'u' }).event_id;
      const second = row({ type: 'track', event: 'E', userId: 'u' }).event_id;

      expect(first).toMatch(UUID_V7);
      expect(second).toMatch(UUID_V7);
      expect(second).not.toBe(first);
    });

    it('reads the session from context.sessionId, else properties.sessionId', () => {
      expect(row({ type: 'track', event: 'E', userId: 'u', context: { sessionId: 17 } }).session_id).toBe(
        '17',
      );
      expect(
        row({ type: 'track', event: 'E', userId: 'u', properties: { sessionId: 's-1' } }).session_id,
      ).toBe('s-1');
    });
  });

  describe('traits', () => {
    it('are kept for identify', () => {
      expect(json(row({ type: 'identify', userId: 'u', traits: { plan: 'pro' } }).traits)).toEqual({
        plan: 'pro',
      });
    });

    it('fall back to context.traits for identify', () => {
      expect(
        json(row({ type: 'identify', userId: 'u', context: { traits: { email: 'a@b.c' } } }).traits),
      ).toEqual({
        email: 'a@b.c',
      });
    });

    it('are kept for group, not taken from the context', () => {
      expect(json(row({ type: 'group', groupId: 'acme', traits: { seats: 5 } }).traits)).toEqual({
        seats: 5,
      });
      expect(row({ type: 'group', groupId: 'acme', context: { traits: { email: 'a@b.c' } } }).traits).toBe(
        '{}',
      );
    });

    it('are dropped for every other call', () => {
      const withTraits = { userId: 'u', traits: { plan: 'pro' }, context: { traits: { plan: 'pro' } } };

      expect(row({ type: 'track', event: 'E', ...withTraits }).traits).toBe('{}');
      expect(row({ type: 'page', ...withTraits }).traits).toBe('{}');
      expect(row({ type: 'screen', ...withTraits }).traits).toBe('{}');
      expect(row({ type: 'alias', previousId: 'p', ...withTraits }).traits).toBe('{}');
    });
  });

  describe('properties', () => {
    it.each(['page', 'screen'] as const)('of a %s call get its name and category', (type) => {
      const mapped = row({
        type,
        userId: 'u',
        name: 'Pricing',
        category: 'Docs',
        properties: { path: '/pricing', name: 'old' },
      });

      expect(json(mapped.properties)).toEqual({ path: '/pricing', name: 'Pricing', category: 'Docs' });
    });

    it('of a page call stay as sent when it has no name nor category', () => {
      expect(json(row({ type: 'page', userId: 'u', properties: { path: '/' } }).properties)).toEqual({
        path: '/',
      });
    });

    it('of an alias call are its previousId, as a string', () => {
      expect(json(row({ type: 'alias', userId: 'u', previousId: 'anon-1' }).properties)).toEqual({
        previousId: 'anon-1',
      });
      expect(json(row({ type: 'alias', userId: 'u', previousId: 7 }).properties)).toEqual({
        previousId: '7',
      });
    });
  });

  describe('timestamp', () => {
    it('is the receive time when the message has none', () => {
      expect(row({ type: 'track', event: 'E', userId: 'u' }).timestamp).toBe(RECEIVED);
    });

    it("is corrected by the message's sentAt, else the batch's", () => {
      const item = { type: 'track', event: 'E', userId: 'u', timestamp: '2024-05-01T12:09:00.000Z' };

      // The client clock is 10 minutes ahead.
      expect(row({ ...item, sentAt: '2024-05-01T12:10:00.000Z' }).timestamp).toBe(
        Date.parse('2024-05-01T11:59:00.000Z'),
      );
      expect(row(item, undefined, { sentAt: '2024-05-01T12:10:00.000Z' }).timestamp).toBe(
        Date.parse('2024-05-01T11:59:00.000Z'),
      );
      expect(
        row({ ...item, sentAt: '2024-05-01T12:09:30.000Z' }, undefined, {
          sentAt: '2024-05-01T12:10:00.000Z',
        }).timestamp,
      ).toBe(Date.parse('2024-05-01T11:59:30.000Z'));
    });

    it("is RudderStack's originalTimestamp when there is no timestamp, corrected by sentAt the same way", () => {
      // RudderStack's SDKs send originalTimestamp and sentAt, by a client clock 10 minutes ahead.
      const item = {
        type: 'track',
        event: 'E',
        userId: 'u',
        originalTimestamp: '2024-05-01T12:09:00.000Z',
        sentAt: '2024-05-01T12:10:00.000Z',
      };

      expect(row(item).timestamp).toBe(Date.parse('2024-05-01T11:59:00.000Z'));
      expect(row({ ...item, sentAt: undefined }).timestamp).toBe(Date.parse('2024-05-01T12:09:00.000Z'));
      expect(row({ ...item, timestamp: '2024-05-01T12:08:00.000Z' }).timestamp).toBe(
        Date.parse('2024-05-01T11:58:00.000Z'),
      );
    });

    it('refuses an originalTimestamp that is not a time', () => {
      expect(map({ type: 'track', event: 'E', userId: 'u', originalTimestamp: 'yesterday' })).toMatchObject({
        ok: false,
        code: 'invalid_event',
      });
    });

    it('is rounded to the millisecond', () => {
      expect(row({ type: 'track', event: 'E', userId: 'u', timestamp: 1_714_564_740_000.6 }).timestamp).toBe(
        1_714_564_740_001,
      );
    });
  });

  describe('strings', () => {
    it('are made well-formed: a lone surrogate anywhere becomes U+FFFD, keys included', () => {
      const mapped = row({
        type: 'track',
        event: 'Bad \ud800 name',
        userId: 'u\udc00',
        messageId: 'id-\ud800',
        properties: { 'k\ud800': 'v\udbff', ok: '😀', list: ['\udfff'], escaped: '\\ud800' },
        context: { library: { name: 'lib\ud800', version: '1\udc00' }, groupId: 'acct\ud800' },
      });

      expect(mapped).toMatchObject({
        event: 'Bad \ufffd name',
        feature: 'Bad \ufffd name',
        event_id: 'id-\ufffd',
        user_id: 'u\ufffd',
        account_id: 'acct\ufffd',
        library_name: 'lib\ufffd',
        library_version: '1\ufffd',
      });
      expect(json(mapped.properties)).toEqual({
        'k\ufffd': 'v\ufffd',
        ok: '😀',
        list: ['\ufffd'],
        escaped: '\\ud800',
      });
      for (const text of [mapped.properties, mapped.context, mapped.event, mapped.user_id]) {
        expect(text.isWellFormed()).toBe(true);
        expect(text).not.toMatch(/(^|[^\\])\\ud[89a-f]/);
      }
    });

    it('cut the library name and version by code points', () => {
      const mapped = row({
        type: 'track',
        event: 'E',
        userId: 'u',
        context: { library: { name: `${'n'.repeat(99)}😀😀`, version: `${'1'.repeat(49)}😀x` } },
      });

      expect(mapped.library_name).toBe(`${'n'.repeat(99)}😀`);
      expect(mapped.library_version).toBe(`${'1'.repeat(49)}😀`);
    });
  });

  describe('refusals', () => {
    it.each([
      ['an unknown type', { type: 'purchase', userId: 'u' }],
      ['no type', { event: 'E', userId: 'u' }],
      ['a string', 'track'],
      ['null', null],
      ['an array', [{ type: 'track', event: 'E', userId: 'u' }]],
      ['an inherited name (__proto__)', { type: '__proto__', userId: 'u' }],
      ['an inherited name (constructor)', { type: 'constructor', userId: 'u' }],
      ['an inherited name (toString)', { type: 'toString', userId: 'u' }],
    ])('refuse %s as invalid_type', (_name, item) => {
      expect(map(item)).toEqual({
        ok: false,
        code: 'invalid_type',
        message: 'type must be one of track, identify, group, page, screen, alias',
      });
    });

    it('refuse a track call without event as invalid_event', () => {
      expect(map({ type: 'track', userId: 'u' })).toEqual({
        ok: false,
        code: 'invalid_event',
        message: 'event is required',
      });
      expect(map({ type: 'track', event: '', userId: 'u' })).toMatchObject({
        ok: false,
        code: 'invalid_event',
      });
    });

    it('refuse a group call without groupId as invalid_event', () => {
      expect(map({ type: 'group', userId: 'u' })).toEqual({
        ok: false,
        code: 'invalid_event',
        message: 'groupId is required',
      });
    });

    it('refuse a call with neither userId nor anonymousId as missing_identity', () => {
      const refused = { ok: false, code: 'missing_identity', message: 'userId or anonymousId is required' };

      expect(map({ type: 'track', event: 'E' })).toEqual(refused);
      expect(map({ type: 'identify', userId: '', anonymousId: null })).toEqual(refused);
    });

    it('refuse a timestamp that is not an ISO 8601 date-time as invalid_event', () => {
      expect(map({ type: 'track', event: 'E', userId: 'u', timestamp: '01/05/2024 12:00' })).toEqual({
        ok: false,
        code: 'invalid_event',
        message: 'timestamp must match format "date-time"',
      });
    });

    it('refuse an event larger than maxEventBytes as payload_too_large', () => {
      const item = { type: 'track', event: 'E', userId: 'u', properties: { blob: 'x'.repeat(2_000) } };

      expect(map(item, undefined, { maxEventBytes: 2_048 })).toEqual({
        ok: false,
        code: 'payload_too_large',
        message: 'event is larger than 2048 bytes',
      });
      expect(map(item, undefined, { maxEventBytes: 4_096 }).ok).toBe(true);
    });

    it.each([
      ['properties', { properties: { a: { b: { c: {} } } } }],
      ['context', { context: { a: [[{}]] } }],
    ])('refuse %s nested deeper than 32 levels as too_deep, and take 32', (where, extra) => {
      const nest = (levels: number): Record<string, unknown> =>
        levels === 1 ? { leaf: 1 } : { a: nest(levels - 1) };

      expect(row({ type: 'track', event: 'E', userId: 'u', [where]: nest(32) })).toBeDefined();
      expect(map({ type: 'track', event: 'E', userId: 'u', [where]: nest(33) })).toEqual({
        ok: false,
        code: 'too_deep',
        message: `${where} are nested deeper than 32 levels of objects and arrays`,
      });
      expect(row({ type: 'track', event: 'E', userId: 'u', ...extra })).toBeDefined();
    });

    it('refuse identify traits nested 5,000 deep as too_deep, without overflowing the stack', () => {
      const traits = JSON.parse(`${'{"a":'.repeat(4_999)}{}${'}'.repeat(4_999)}`) as unknown;

      expect(map({ type: 'identify', userId: 'u', traits })).toMatchObject({ ok: false, code: 'too_deep' });
    });

    it('refuse an account id longer than 255 characters (ids are not cut: a cut id is another person)', () => {
      expect(map({ type: 'track', event: 'E', userId: 'u', context: { groupId: 'g'.repeat(256) } })).toEqual({
        ok: false,
        code: 'invalid_event',
        message: 'accountId must not be longer than 255 characters',
      });
      expect(
        row({ type: 'track', event: 'E', userId: 'u', context: { groupId: '😀'.repeat(255) } }).account_id,
      ).toBe('😀'.repeat(255));
    });
  });
});
