import { uuidv7 } from './uuid-v7';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millis = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('uuidv7', () => {
  it('is an RFC 9562 version 7 UUID holding the time in its first 48 bits', () => {
    const now = Date.parse('2026-11-23T12:34:56.789Z');
    const id = uuidv7(now);
    expect(id).toMatch(UUID_V7);
    expect(millis(id)).toBe(now);
  });

  it('stays in order and unique within one millisecond, and across a clock that steps back', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const ids = Array.from({ length: 5000 }, (_, i) => uuidv7(i === 4000 ? now - 5 : now));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('differs between calls in different milliseconds, in time order', () => {
    const a = uuidv7(Date.parse('2031-01-01T00:00:00Z'));
    const b = uuidv7(Date.parse('2031-01-01T00:00:00.001Z'));
    expect(a < b).toBe(true);
  });
});
