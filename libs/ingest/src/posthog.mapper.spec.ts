import { type EventRow } from '@bindery/contracts';
import { type MappedItem } from './mapped-event';
import { mapPostHogEvent, type PostHogEnvelope } from './posthog.mapper';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const RECEIVED = Date.parse('2024-05-01T12:00:00.000Z');
const ENVELOPE: PostHogEnvelope = { receivedAt: RECEIVED, maxEventBytes: 32 * 1024 };
const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function map(item: unknown, envelope: Partial<PostHogEnvelope> = {}): MappedItem {
  return mapPostHogEvent(PROJECT, item, { ...ENVELOPE, ...envelope });
}

/** The row an event maps to; fails the test with the refusal otherwise. */
function row(item: unknown, envelope: Partial<PostHogEnvelope> = {}): EventRow {
  const mapped = map(item, envelope);
  if (!mapped.ok) throw new Error(`refused: ${mapped.code} ${mapped.message}`);
  return mapped.row;
}

const json = (text: string): unknown => JSON.parse(text);

describe('mapPostHogEvent', () => {
  it('maps a custom event onto a whole track row', () => {
    const properties = {
      $lib: 'web',
      $lib_version: '1.130.0',
      $session_id: 'sess-1',
      $groups: { company: 'acme' },
      format: 'csv',
    };

    expect(
      row({
        event: 'Report Exported',
        distinct_id: 'user-1',
        uuid: '0190f5a4-0000-7000-8000-000000000001',
        timestamp: '2024-05-01T11:59:00.000Z',
        properties,
      }),
    ).toEqual({
      project_id: PROJECT,
      event_id: '0190f5a4-0000-7000-8000-000000000001',
      type: 'track',
      event: 'Report Exported',
      feature: 'Report Exported',
      timestamp: Date.parse('2024-05-01T11:59:00.000Z'),
      received_at: RECEIVED,
      user_id: 'user-1',
      anonymous_id: '',
      account_id: 'acme',
      session_id: 'sess-1',
      properties: JSON.stringify(properties),
      context: '{}',
      traits: '{}',
      library_name: 'web',
      library_version: '1.130.0',
      source: 'posthog',
    });
  });

  it.each([
    ['$pageview', 'page'],
    ['$screen', 'screen'],
    ['$autocapture', 'track'],
    ['Signed Up', 'track'],
  ])('maps %s to a %s row under its own name', (event, type) => {
    const mapped = row({ event, distinct_id: 'user-1' });

    expect([mapped.type, mapped.event]).toEqual([type, event]);
  });

  it('takes the feature of a track row from properties.feature, else the event name', () => {
    expect(row({ event: 'Clicked', distinct_id: 'u', properties: { feature: 'billing' } }).feature).toBe(
      'billing',
    );
    expect(row({ event: 'Clicked', distinct_id: 'u' }).feature).toBe('Clicked');
    expect(row({ event: '$pageview', distinct_id: 'u', properties: { feature: 'billing' } }).feature).toBe(
      '',
    );
  });

  describe('$identify', () => {
    it('identifies distinct_id, with $anon_distinct_id as the anonymous id', () => {
      const mapped = row({
        event: '$identify',
        distinct_id: 'user-1',
        properties: { $anon_distinct_id: 'anon-1' },
      });

      expect([mapped.type, mapped.event, mapped.user_id, mapped.anonymous_id]).toEqual([
        'identify',
        '$identify',
        'user-1',
        'anon-1',
      ]);
    });

    it('is identified even when it says $is_identified: false', () => {
      const mapped = row({
        event: '$identify',
        distinct_id: 'user-1',
        properties: { $is_identified: false },
      });

      expect([mapped.user_id, mapped.anonymous_id]).toEqual(['user-1', '']);
    });

    it('merges $set_once and $set into traits, $set winning, top level over properties', () => {
      const mapped = row({
        event: '$identify',
        distinct_id: 'user-1',
        properties: {
          $set_once: { first_seen: 'props-once', plan: 'free', source: 'ad' },
          $set: { plan: 'pro', email: 'props@example.com' },
        },
        $set_once: { first_seen: 'top-once', referrer: 'blog' },
        $set: { email: 'top@example.com' },
      });

      expect(json(mapped.traits)).toEqual({
        first_seen: 'top-once',
        source: 'ad',
        referrer: 'blog',
        plan: 'pro',
        email: 'top@example.com',
      });
    });
  });

  it('keeps $set of any event as traits', () => {
    expect(json(row({ event: 'Upgraded', distinct_id: 'u', $set: { plan: 'pro' } }).traits)).toEqual({
      plan: 'pro',
    });
  });

  describe('$groupidentify', () => {
    it('maps onto a group row: account from $group_key, traits from $group_set, no user', () => {
      const mapped = row({
        event: '$groupidentify',
        distinct_id: 'user-1',
        properties: {
          $group_type: 'company',
          $group_key: 'acme',
          $group_set: { name: 'Acme', seats: 12 },
          $groups: { company: 'other' },
          $set: { plan: 'pro' },
        },
      });

      expect(mapped).toMatchObject({
        type: 'group',
        event: '$groupidentify',
        account_id: 'acme',
        user_id: '',
        anonymous_id: '',
        properties: '{"$group_type":"company"}',
      });
      expect(json(mapped.traits)).toEqual({ name: 'Acme', seats: 12 });
    });

    it('is refused without $group_key', () => {
      expect(
        map({ event: '$groupidentify', distinct_id: 'user-1', properties: { $group_type: 'company' } }),
      ).toEqual({
        ok: false,
        code: 'missing_identity',
        message: 'groupId is required',
      });
    });
  });

  it('maps $create_alias onto an alias row with the alias as previousId', () => {
    const mapped = row({ event: '$create_alias', distinct_id: 'user-1', properties: { alias: 'anon-1' } });

    expect([mapped.type, mapped.event, mapped.user_id]).toEqual(['alias', '$create_alias', 'user-1']);
    expect(json(mapped.properties)).toEqual({ previousId: 'anon-1' });
  });

  it('maps an anonymous visitor’s $create_alias onto a link from their id to the alias, the user id', () => {
    const mapped = row({
      event: '$create_alias',
      distinct_id: 'anon-1',
      properties: { alias: 'user-1', $is_identified: false },
    });

    expect([mapped.user_id, mapped.anonymous_id]).toEqual(['user-1', 'anon-1']);
    expect(json(mapped.properties)).toEqual({ previousId: 'anon-1' });
  });

  describe('identity', () => {
    it('takes the first non-empty value of $groups as the account', () => {
      const item = (groups: unknown) => ({ event: 'E', distinct_id: 'u', properties: { $groups: groups } });

      expect(row(item({ company: 'acme', project: 'p-1' })).account_id).toBe('acme');
      expect(row(item({ company: '', project: 'p-1' })).account_id).toBe('p-1');
      expect(row(item({ company: 42 })).account_id).toBe('42');
      expect(row(item({})).account_id).toBe('');
    });

    it('makes distinct_id the anonymous id when $is_identified is false', () => {
      const mapped = row({ event: 'E', distinct_id: 'anon-1', properties: { $is_identified: false } });

      expect([mapped.user_id, mapped.anonymous_id]).toEqual(['', 'anon-1']);
    });

    it('reads distinct_id from the properties when the event has none, numbers as strings', () => {
      expect(row({ event: 'E', properties: { distinct_id: 'user-2' } }).user_id).toBe('user-2');
      expect(row({ event: 'E', distinct_id: 7 }).user_id).toBe('7');
    });

    it('keeps uuid as the event id, else generates a UUID v7', () => {
      expect(row({ event: 'E', distinct_id: 'u', uuid: 'evt-1' }).event_id).toBe('evt-1');
      expect(row({ event: 'E', distinct_id: 'u' }).event_id).toMatch(UUID_V7);
    });
  });

  it.each(['constructor', 'toString', 'valueOf', '__proto__'])(
    'maps an event named %s as a track event',
    (event) => {
      expect(row({ event, distinct_id: 'u' })).toMatchObject({ type: 'track', event });
    },
  );

  describe('timestamp', () => {
    it('is the receive time minus offset when there is no timestamp', () => {
      expect(row({ event: 'E', distinct_id: 'u', offset: 1_500 }).timestamp).toBe(RECEIVED - 1_500);
      expect(
        row({ event: 'E', distinct_id: 'u', offset: 0 }, { sentAt: '2024-05-01T13:00:00.000Z' }).timestamp,
      ).toBe(RECEIVED);
    });

    it('ignores offset when the event has a timestamp, as PostHog does', () => {
      expect(
        row({ event: 'E', distinct_id: 'u', timestamp: '2024-05-01T11:00:00Z', offset: 1_500 }).timestamp,
      ).toBe(Date.parse('2024-05-01T11:00:00Z'));
    });

    it('is the timestamp corrected by sent_at', () => {
      // The client clock is 2 minutes behind.
      const mapped = row(
        { event: 'E', distinct_id: 'u', timestamp: '2024-05-01T11:57:30.000Z' },
        { sentAt: '2024-05-01T11:58:00.000Z' },
      );

      expect(mapped.timestamp).toBe(Date.parse('2024-05-01T11:59:30.000Z'));
    });

    it('is the timestamp as is without sent_at, and the receive time without either', () => {
      expect(row({ event: 'E', distinct_id: 'u', timestamp: '2024-05-01T11:57:30.000Z' }).timestamp).toBe(
        Date.parse('2024-05-01T11:57:30.000Z'),
      );
      expect(row({ event: 'E', distinct_id: 'u' }).timestamp).toBe(RECEIVED);
    });
  });

  it('makes every string well-formed: lone surrogates in the name, ids, keys and values become U+FFFD', () => {
    const mapped = row({
      event: 'clicked \ud800',
      distinct_id: 'user \udc00',
      properties: { 'k\ud800': ['v\udbff'], $lib: 'web\ud800', $session_id: 's\udfff' },
      $set: { 'plan\ud800': 'pro' },
    });

    expect(mapped).toMatchObject({
      event: 'clicked \ufffd',
      feature: 'clicked \ufffd',
      user_id: 'user \ufffd',
      session_id: 's\ufffd',
      library_name: 'web\ufffd',
    });
    expect(json(mapped.properties)).toMatchObject({ 'k\ufffd': ['v\ufffd'] });
    expect(json(mapped.traits)).toEqual({ 'plan\ufffd': 'pro' });
  });

  describe('refusals', () => {
    it('refuse an event without name as invalid_event', () => {
      expect(map({ distinct_id: 'u' })).toEqual({
        ok: false,
        code: 'invalid_event',
        message: 'event is required',
      });
      expect(map({ event: '', distinct_id: 'u' })).toMatchObject({ ok: false, code: 'invalid_event' });
      expect(map('$pageview')).toMatchObject({ ok: false, code: 'invalid_event' });
    });

    it('refuse an event without distinct_id as missing_identity', () => {
      const refused = { ok: false, code: 'missing_identity', message: 'userId or anonymousId is required' };

      expect(map({ event: 'E' })).toEqual(refused);
      expect(map({ event: 'E', distinct_id: '' })).toEqual(refused);
    });

    it('refuse a negative offset as invalid_event', () => {
      expect(map({ event: 'E', distinct_id: 'u', offset: -1 })).toMatchObject({
        ok: false,
        code: 'invalid_event',
      });
    });

    it('refuse an event larger than maxEventBytes as payload_too_large', () => {
      const item = { event: 'E', distinct_id: 'u', properties: { blob: 'x'.repeat(2_000) } };

      expect(map(item, { maxEventBytes: 2_048 })).toEqual({
        ok: false,
        code: 'payload_too_large',
        message: 'event is larger than 2048 bytes',
      });
    });

    it('refuse $set nested deeper than 32 levels as too_deep (it becomes the traits)', () => {
      const $set = JSON.parse(`${'{"a":'.repeat(40)}{}${'}'.repeat(40)}`) as unknown;

      expect(map({ event: '$identify', distinct_id: 'u', $set })).toMatchObject({
        ok: false,
        code: 'too_deep',
      });
    });

    it('refuse a $session_id or $group_key longer than 255 characters', () => {
      expect(
        map({ event: 'E', distinct_id: 'u', properties: { $session_id: 's'.repeat(256) } }),
      ).toMatchObject({
        ok: false,
        code: 'invalid_event',
        message: 'sessionId must not be longer than 255 characters',
      });
      expect(
        map({ event: '$groupidentify', distinct_id: 'u', properties: { $group_key: 'g'.repeat(300) } }),
      ).toMatchObject({
        ok: false,
        code: 'invalid_event',
        message: 'accountId must not be longer than 255 characters',
      });
    });
  });
});
