import { type EventRow, type EventType } from '@bindery/contracts';
import { generateEvents } from './generator';
import { personFor, personMap, referenceActivity, referenceFunnel } from './reference';

const P = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const T = Date.UTC(2024, 0, 1, 12);
const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();

let serial = 0;
/** A row of project P: `user` and `anon` ids as given, at T + `minutes`. */
function row(
  type: EventType,
  event: string,
  minutes: number,
  ids: { user?: string; anon?: string },
  properties: Record<string, unknown> = {},
): EventRow {
  return {
    project_id: P,
    event_id: `e${String(++serial).padStart(5, '0')}`,
    type,
    event,
    feature: type === 'track' ? event : '',
    timestamp: T + minutes * 60_000,
    received_at: T + minutes * 60_000,
    user_id: ids.user ?? '',
    anonymous_id: ids.anon ?? '',
    account_id: '',
    session_id: '',
    properties: JSON.stringify(properties),
    context: '{}',
    traits: '{}',
    library_name: '',
    library_version: '',
    source: 'segment',
  };
}

const identify = (minutes: number, user: string, anon: string) =>
  row('identify', '$identify', minutes, { user, anon });
const alias = (minutes: number, user: string, previousId: string, event = '$alias') =>
  row('alias', event, minutes, { user }, { previousId });

describe('personMap', () => {
  it('merges an anonymous id into the user of its identify, or of its alias', () => {
    const map = personMap([
      identify(1, 'u1', 'a1'),
      alias(2, 'u2', 'a2'),
      alias(3, 'u3', 'a3', '$create_alias'),
    ]);

    expect([...map.merged]).toEqual([
      ['a1', 'u1'],
      ['a2', 'u2'],
      ['a3', 'u3'],
    ]);
    expect(map.refused).toEqual([]);
    expect(personFor(map, 'a1')).toBe('u1');
    expect(personFor(map, 'a9')).toBe('a9');
  });

  it('keeps an anonymous id with the user it was linked to first, and refuses the second', () => {
    const map = personMap([identify(5, 'u2', 'a1'), identify(1, 'u1', 'a1'), identify(9, 'u1', 'a1')]);

    expect([...map.merged]).toEqual([['a1', 'u1']]);
    expect(map.refused).toEqual([{ id: 'a1', userId: 'u2', reason: 'linked_to_another_user' }]);
  });

  it('breaks a tie of times by the user id that sorts first', () => {
    const map = personMap([identify(1, 'u2', 'a1'), identify(1, 'u1', 'a1')]);

    expect([...map.merged]).toEqual([['a1', 'u1']]);
    expect(map.refused).toEqual([{ id: 'a1', userId: 'u2', reason: 'linked_to_another_user' }]);
  });

  it('never merges two known users, whichever call links them', () => {
    const map = personMap([identify(1, 'u1', 'a1'), alias(2, 'u2', 'u1'), identify(3, 'u3', 'u2')]);

    expect([...map.merged]).toEqual([['a1', 'u1']]);
    expect(map.refused).toEqual([
      { id: 'u1', userId: 'u2', reason: 'known_user' },
      { id: 'u2', userId: 'u3', reason: 'known_user' },
    ]);
  });

  it('ignores calls that link nothing: no user id, the same id twice, a track named $identify', () => {
    const map = personMap([
      row('identify', '$identify', 1, { anon: 'a1' }),
      identify(2, 'u1', 'u1'),
      row('track', '$identify', 3, { user: 'u2', anon: 'a2' }),
      alias(4, 'u3', ''),
    ]);

    expect(map.merged.size).toBe(0);
    expect(map.refused).toEqual([]);
  });
});

describe('reports count a merged person once', () => {
  const funnel = {
    steps: [{ event: '$page' }, { event: 'Signed Up' }],
    windowSeconds: 3600,
    from: iso(T - DAY),
    to: iso(T + DAY),
  };
  const visit = (link: EventRow) => [
    row('page', '$page', 0, { anon: 'a1' }),
    link,
    row('track', 'Signed Up', 2, { user: 'u1', anon: 'a1' }),
  ];

  it.each([
    ['identify', identify(1, 'u1', 'a1')],
    ['alias', alias(1, 'u1', 'a1')],
    ['a late identify', identify(60 * 24 * 5, 'u1', 'a1')],
  ])('the anonymous visit and the sign-up, linked by %s: one person converts', (_name, link) => {
    const events = visit(link);

    expect(referenceFunnel(events, P, funnel).steps.map((s) => s.count)).toEqual([1, 1]);
    expect(referenceActivity(events, P, { from: iso(T - 3_600_000), to: iso(T + 3_600_000) }).series).toEqual(
      [{ day: '2024-01-01', dau: 1, wau: 1, mau: 1, stickiness: 1, events: 2 }],
    );
  });

  it('two people without a link', () => {
    const events = [row('page', '$page', 0, { anon: 'a1' }), row('track', 'Signed Up', 2, { user: 'u1' })];

    expect(referenceFunnel(events, P, funnel).steps.map((s) => s.count)).toEqual([1, 0]);
  });
});

describe('generateEvents', () => {
  it('identifies anonymous visits later, and sends links the rules refuse', () => {
    const rows = generateEvents({ seed: 42, projectId: P, days: 14 }).filter((r) => r.project_id === P);
    const map = personMap(rows);
    const identifiedAt = new Map<string, number>();
    for (const r of rows) {
      if (r.type === 'identify' && map.merged.get(r.anonymous_id) === r.user_id) {
        identifiedAt.set(r.anonymous_id, Math.min(identifiedAt.get(r.anonymous_id) ?? Infinity, r.timestamp));
      }
    }
    const anonymousBefore = rows.filter(
      (r) => r.type === 'track' && r.user_id === '' && r.timestamp < (identifiedAt.get(r.anonymous_id) ?? 0),
    );

    expect(anonymousBefore.length).toBeGreaterThan(0);
    expect(new Set(map.refused.map((l) => l.reason))).toEqual(
      new Set(['known_user', 'linked_to_another_user']),
    );
    expect(rows.some((r) => r.event === '$create_alias' && map.merged.has(r.anonymous_id))).toBe(true);
  });
});
