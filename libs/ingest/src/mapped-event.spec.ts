import { type EventRow } from '@bindery/contracts';
import { cutCodePoints, type MappedItem, toRow, withinTimeBounds } from './mapped-event';

const PROJECT = '0190f5a4-8c1e-7b2a-9d3f-1a2b3c4d5e6f';
const RECEIVED = Date.parse('2024-05-01T12:00:00.000Z');

describe('cutCodePoints', () => {
  it('keeps a string within the limit as it is', () => {
    expect(cutCodePoints('abc', 3)).toBe('abc');
    expect(cutCodePoints('😀😀', 2)).toBe('😀😀');
  });

  it('never cuts a surrogate pair in half', () => {
    expect(cutCodePoints('ab😀', 3)).toBe('ab😀');
    expect(cutCodePoints('ab😀c', 2)).toBe('ab');
    expect(cutCodePoints('😀😀😀', 2)).toBe('😀😀');
  });

  it('replaces lone surrogates with U+FFFD, cut or not', () => {
    expect(cutCodePoints('a\ud800', 10)).toBe('a\ufffd');
    expect(cutCodePoints('\udc00b\ud800c', 3)).toBe('\ufffdb\ufffd');
  });
});

describe('toRow', () => {
  const fields = {
    source: 'segment' as const,
    type: 'track' as const,
    event: 'E',
    timestamp: RECEIVED,
    userId: 'u',
  };

  it('writes lone surrogates of JSON keys and values as U+FFFD, and leaves escaped backslashes alone', () => {
    const mapped = toRow(
      PROJECT,
      { ...fields, properties: { 'a\ud800': '\udc00', path: 'C:\\ud800', nested: [{ x: 'y\ud800' }] } },
      RECEIVED,
      32_768,
    );

    expect(mapped.ok && JSON.parse(mapped.row.properties)).toEqual({
      'a\ufffd': '\ufffd',
      path: 'C:\\ud800',
      nested: [{ x: 'y\ufffd' }],
    });
  });

  it('takes 32 levels of arrays and refuses 33', () => {
    const nest = (levels: number): unknown[] => (levels === 1 ? [] : [nest(levels - 1)]);

    expect(toRow(PROJECT, { ...fields, properties: { a: nest(31) } }, RECEIVED, 32_768).ok).toBe(true);
    expect(toRow(PROJECT, { ...fields, properties: { a: nest(32) } }, RECEIVED, 32_768)).toMatchObject({
      ok: false,
      code: 'too_deep',
    });
  });
});

describe('withinTimeBounds', () => {
  const bounds = { minTimestamp: Date.parse('2000-01-01T00:00:00Z'), maxFutureSeconds: 60 };
  const mapped = (timestamp: number): MappedItem => ({
    ok: true,
    row: { timestamp, received_at: RECEIVED } as EventRow,
  });

  it('passes a row within the bounds as it is, and a refusal as it is', () => {
    const within = mapped(RECEIVED + 60_000);
    const refused = { ok: false as const, code: 'invalid_event', message: 'event is required' };

    expect(withinTimeBounds(within, bounds)).toBe(within);
    expect(withinTimeBounds(refused, bounds)).toBe(refused);
  });

  it('refuses a row outside the bounds as invalid_timestamp', () => {
    for (const timestamp of [RECEIVED + 60_001, 1e20, -1, bounds.minTimestamp - 1]) {
      expect(withinTimeBounds(mapped(timestamp), bounds)).toMatchObject({
        ok: false,
        code: 'invalid_timestamp',
      });
    }
  });
});
