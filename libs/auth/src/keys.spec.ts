import { createHash } from 'node:crypto';
import { credentialFromHeader, generateKey, hashKey, keyHint, matchesHash } from './keys';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('generateKey', () => {
  it('makes write keys of wk_ and 24 random bytes in base64url', () => {
    const key = generateKey('write');

    expect(key).toMatch(/^wk_[A-Za-z0-9_-]{32}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(24);
  });

  it('makes secret keys of sk_ and 32 random bytes in base64url', () => {
    const key = generateKey('secret');

    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
  });

  it('makes a different key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, (_, i) => generateKey(i % 2 ? 'write' : 'secret')));

    expect(keys.size).toBe(50);
  });
});

describe('hashKey', () => {
  it('is the SHA-256 of the key in hex', () => {
    expect(hashKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashKey('wk_x')).toBe(createHash('sha256').update('wk_x').digest('hex'));
  });

  it('is the same for the same key and differs for another', () => {
    const key = generateKey('secret');

    expect(hashKey(key)).toBe(hashKey(key));
    expect(hashKey(key)).not.toBe(hashKey(`${key}x`));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('keyHint', () => {
  it('shows a whole write key', () => {
    expect(keyHint('write', 'wk_AbCdEfGhIjKlMnOpQrStUvWxYz012345')).toBe(
      'wk_AbCdEfGhIjKlMnOpQrStUvWxYz012345',
    );
  });

  it('shows the prefix and four characters of a secret key', () => {
    expect(keyHint('secret', 'sk_AbCdEfGhIjKlMnOp')).toBe('sk_AbCd…');
  });
});

describe('matchesHash', () => {
  const key = 'sk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcde';

  it('accepts the key the hash was made of', () => {
    expect(matchesHash(key, hashKey(key))).toBe(true);
  });

  it('refuses another key', () => {
    expect(matchesHash(`${key}f`, hashKey(key))).toBe(false);
    expect(matchesHash('', hashKey(key))).toBe(false);
  });

  it('refuses a stored hash that is not 32 bytes of hex', () => {
    expect(matchesHash(key, hashKey(key).slice(0, 62))).toBe(false);
    expect(matchesHash(key, '')).toBe(false);
    expect(matchesHash(key, 'not hex at all')).toBe(false);
  });
});

describe('credentialFromHeader', () => {
  it('reads a Bearer token', () => {
    expect(credentialFromHeader('Bearer sk_secret')).toBe('sk_secret');
  });

  it('reads the user name of Basic, as Segment sends the write key', () => {
    expect(credentialFromHeader(basic('wk_write:'))).toBe('wk_write');
    expect(credentialFromHeader(basic('wk_write:ignored-password'))).toBe('wk_write');
    expect(credentialFromHeader(basic('wk_write'))).toBe('wk_write');
  });

  it('takes the scheme in any case and tolerates extra spaces', () => {
    expect(credentialFromHeader('bearer sk_secret')).toBe('sk_secret');
    expect(credentialFromHeader('BEARER sk_secret')).toBe('sk_secret');
    expect(credentialFromHeader(`  basic ${Buffer.from('wk_write:').toString('base64')}  `)).toBe('wk_write');
    expect(credentialFromHeader('Bearer    sk_secret')).toBe('sk_secret');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['a scheme alone', 'Bearer'],
    ['a scheme and spaces', 'Bearer   '],
    ['a token alone', 'sk_secret'],
    ['another scheme', 'Digest sk_secret'],
    ['Basic with an empty user', basic(':password')],
    ['Basic with nothing', basic('')],
  ])('is undefined for %s', (_name, header) => {
    expect(credentialFromHeader(header)).toBeUndefined();
  });
});
