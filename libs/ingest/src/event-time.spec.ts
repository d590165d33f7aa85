import { correctedTimestamp, parseTime, timeOutOfBounds } from './event-time';

const RECEIVED = Date.parse('2024-05-01T12:00:00.000Z');

describe('parseTime', () => {
  it('reads ISO 8601 strings, with milliseconds and offsets', () => {
    expect(parseTime('2024-05-01T12:00:00.000Z')).toBe(1_714_564_800_000);
    expect(parseTime('2024-05-01T12:00:00.250Z')).toBe(1_714_564_800_250);
    expect(parseTime('2024-05-01T14:00:00+02:00')).toBe(1_714_564_800_000);
  });

  it('takes numbers as epoch milliseconds', () => {
    expect(parseTime(1_714_564_800_000)).toBe(1_714_564_800_000);
    expect(parseTime(0)).toBe(0);
  });

  it.each([
    ['garbage', 'yesterday'],
    ['an empty string', ''],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['undefined', undefined],
    ['null', null],
    ['a boolean', true],
    ['an object', { at: 1 }],
  ])('is NaN for %s', (_name, value) => {
    expect(parseTime(value)).toBeNaN();
  });
});

describe('correctedTimestamp', () => {
  it('is the receive time when there is no timestamp', () => {
    expect(correctedTimestamp(undefined, '2024-05-01T11:00:00.000Z', RECEIVED)).toBe(RECEIVED);
    expect(correctedTimestamp(null, undefined, RECEIVED)).toBe(RECEIVED);
  });

  it('is the timestamp as is when there is no readable sentAt', () => {
    expect(correctedTimestamp('2024-05-01T10:00:00.000Z', undefined, RECEIVED)).toBe(
      Date.parse('2024-05-01T10:00:00.000Z'),
    );
    expect(correctedTimestamp('2024-05-01T10:00:00.000Z', 'not a time', RECEIVED)).toBe(
      Date.parse('2024-05-01T10:00:00.000Z'),
    );
    expect(correctedTimestamp(1_000, undefined, RECEIVED)).toBe(1_000);
  });

  it('moves the timestamp back by how far the client clock is ahead', () => {
    // The client's clock is 5 minutes ahead: it sent at 12:05 by its clock, we received at 12:00.
    const at = correctedTimestamp('2024-05-01T12:04:00.000Z', '2024-05-01T12:05:00.000Z', RECEIVED);

    expect(at).toBe(Date.parse('2024-05-01T11:59:00.000Z'));
  });

  it('moves the timestamp forward by how far the client clock is behind', () => {
    // The client's clock is 1 hour and 1.5 seconds behind; the event happened 30 s before it was sent.
    const at = correctedTimestamp('2024-05-01T10:58:28.500Z', '2024-05-01T10:58:58.500Z', RECEIVED);

    expect(at).toBe(Date.parse('2024-05-01T11:59:30.000Z'));
  });

  it('corrects epoch-millisecond times the same way', () => {
    expect(correctedTimestamp(10_000, 12_500, RECEIVED)).toBe(RECEIVED - 2_500);
  });

  it('leaves the timestamp alone when the clocks agree', () => {
    const at = correctedTimestamp('2024-05-01T11:59:59.123Z', '2024-05-01T12:00:00.000Z', RECEIVED);

    expect(at).toBe(Date.parse('2024-05-01T11:59:59.123Z'));
  });

  it('is NaN when the timestamp is there but unreadable', () => {
    expect(correctedTimestamp('last tuesday', '2024-05-01T12:00:00.000Z', RECEIVED)).toBeNaN();
    expect(correctedTimestamp('', undefined, RECEIVED)).toBeNaN();
    expect(correctedTimestamp({}, undefined, RECEIVED)).toBeNaN();
  });
});

describe('timeOutOfBounds', () => {
  const bounds = { minTimestamp: Date.parse('2000-01-01T00:00:00Z'), maxFutureSeconds: 86_400 };

  it('accepts times from the minimum to the maximum lead over the receive time, both included', () => {
    expect(timeOutOfBounds(bounds.minTimestamp, RECEIVED, bounds)).toBeUndefined();
    expect(timeOutOfBounds(RECEIVED, RECEIVED, bounds)).toBeUndefined();
    expect(timeOutOfBounds(RECEIVED + 86_400_000, RECEIVED, bounds)).toBeUndefined();
  });

  it('says why a time before the minimum or too far ahead is refused', () => {
    expect(timeOutOfBounds(bounds.minTimestamp - 1, RECEIVED, bounds)).toBe(
      'timestamp 1999-12-31T23:59:59.999Z is outside the accepted range: from 2000-01-01T00:00:00.000Z to 86400 s after receipt',
    );
    expect(timeOutOfBounds(RECEIVED + 86_400_001, RECEIVED, bounds)).toMatch(
      /^timestamp 2024-05-02T12:00:00.001Z is/,
    );
  });

  it('names a time beyond what a Date holds by its number', () => {
    expect(timeOutOfBounds(1e20, RECEIVED, bounds)).toMatch(/^timestamp 100000000000000000000 is outside/);
    expect(timeOutOfBounds(-1e20, RECEIVED, bounds)).toMatch(/^timestamp -100000000000000000000 is outside/);
  });
});
