import { redactor } from './redactor';

describe('redactor', () => {
  const redact = redactor(['user-1', 'user-1@example.com', 'anon-7']);

  it('replaces each id and address where it stands whole', () => {
    expect(redact('User user-1 (Acme) stalled; wrote to user-1@example.com.')).toBe(
      'User [deleted person] (Acme) stalled; wrote to [deleted person].',
    );
    expect(redact('"anon-7","x"')).toBe('"[deleted person]","x"');
  });

  it('leaves longer ids and other addresses alone', () => {
    const text = 'user-10, user-1a, xuser-1, user-1@other.io, mail.user-1@example.com';

    expect(redact(text)).toBe(text);
  });

  it('matches addresses in any case', () => {
    expect(redact('to USER-1@Example.COM')).toBe('to [deleted person]');
  });

  it('treats the values as text, not patterns', () => {
    expect(redactor(['a.b+c'])('x a.b+c y axb+c')).toBe('x [deleted person] y axb+c');
    expect(redactor([])('nothing')).toBe('nothing');
  });
});
