import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  let now = 0;
  const limiter = () => new RateLimiter(100, 200, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows a burst, then refuses until the bucket refills', () => {
    const l = limiter();
    expect(l.take('p', 150)).toBe(0);
    expect(l.take('p', 50)).toBe(0);
    expect(l.take('p', 100)).toBe(1);
    now += 500;
    expect(l.take('p', 100)).toBe(1);
    expect(l.take('p', 50)).toBe(0);
  });

  it('says how many seconds until the request fits', () => {
    const l = limiter();
    expect(l.take('p', 200)).toBe(0);
    expect(l.take('p', 200)).toBe(2);
    now += 1000;
    expect(l.take('p', 200)).toBe(1);
  });

  it('keeps projects apart', () => {
    const l = limiter();
    expect(l.take('a', 200)).toBe(0);
    expect(l.take('b', 200)).toBe(0);
    expect(l.take('a', 1)).toBe(1);
  });

  it('never refills past the burst', () => {
    const l = limiter();
    now += 3_600_000;
    expect(l.take('p', 200)).toBe(0);
    expect(l.take('p', 1)).toBe(1);
  });

  it('tells the wait without taking', () => {
    const l = limiter();
    expect(l.take('p', 200)).toBe(0);
    expect(l.wait('p', 100)).toBe(1);
    now += 1000;
    expect(l.wait('p', 100)).toBe(0);
    expect(l.wait('p', 100)).toBe(0);
    expect(l.take('p', 100)).toBe(0);
    expect(l.take('p', 1)).toBe(1);
  });

  it('forgets idle keys when it holds too many, and keeps the others', () => {
    const l = limiter();
    expect(l.take('busy', 200)).toBe(0);
    for (let i = 0; i < 9_999; i++) l.take(`idle-${i}`, 0);
    now += 10;
    l.take('new', 0);
    expect(l.take('busy', 50)).toBe(1);
  });
});
