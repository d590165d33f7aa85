import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords';

describe('passwords', () => {
  it('hashes with scrypt, a salt of its own each time, and verifies only the same password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');

    expect(a).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('reads a password alike in both Unicode forms', async () => {
    const composed = await hashPassword('caf\u00e9 au lait 123');

    expect(await verifyPassword('cafe\u0301 au lait 123', composed)).toBe(true);
  });

  it('refuses every password against the dummy hash and a malformed or too costly one', async () => {
    expect(await verifyPassword('anything', DUMMY_PASSWORD_HASH)).toBe(false);
    expect(await verifyPassword('anything', 'not a hash')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$x$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('anything', `scrypt$${2 ** 20}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA`)).toBe(false);
  });
});
