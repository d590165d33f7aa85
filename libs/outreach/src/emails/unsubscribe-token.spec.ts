import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token';

const KEY = 'k'.repeat(40);

describe('unsubscribe tokens', () => {
  it('name the project and the lower-cased address they were signed for', () => {
    const token = unsubscribeToken({ projectId: 'p1', email: 'Ann@Example.com' }, KEY);

    expect(readUnsubscribeToken(token, KEY)).toEqual({ projectId: 'p1', email: 'ann@example.com' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('are refused when forged, changed, signed with another key or malformed', () => {
    const token = unsubscribeToken({ projectId: 'p1', email: 'ann@example.com' }, KEY);
    const [payload = '', signature = ''] = token.split('.');
    const other = Buffer.from(JSON.stringify(['p1', 'bob@example.com'])).toString('base64url');

    for (const bad of [
      `${other}.${signature}`,
      `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`,
      unsubscribeToken({ projectId: 'p1', email: 'ann@example.com' }, 'x'.repeat(40)),
      payload,
      `${token}.extra`,
      '',
    ]) {
      expect(readUnsubscribeToken(bad, KEY)).toBeUndefined();
    }
  });
});
