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
});
