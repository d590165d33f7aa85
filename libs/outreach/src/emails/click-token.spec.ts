import { clickToken, readClickToken } from './click-token';
import { trackLinks } from './tracked-links';
import { unsubscribeToken } from './unsubscribe-token';

const KEY = 'k'.repeat(32);
const CLICK = { projectId: 'p1', outboxId: 'o1', url: 'https://help.example.com/import?a=1&b=2' };

describe('click tokens', () => {
  it('read back what they were made from', () => {
    expect(readClickToken(clickToken(CLICK, KEY), KEY)).toEqual(CLICK);
  });

  it('refuse an altered target, another key, an unsubscribe token and a page that is not http(s)', () => {
    const token = clickToken(CLICK, KEY);
    const [, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['p1', 'o1', 'https://evil.example.com'])).toString(
      'base64url',
    );
    expect(readClickToken(`${forged}.${signature}`, KEY)).toBeUndefined();
    expect(readClickToken(token, 'other'.repeat(8))).toBeUndefined();
    expect(readClickToken(`${token}x`, KEY)).toBeUndefined();
    expect(readClickToken(unsubscribeToken({ projectId: 'p1', email: 'a@b.c' }, KEY), KEY)).toBeUndefined();
    expect(readClickToken(clickToken({ ...CLICK, url: 'javascript:alert(1)' }, KEY), KEY)).toBeUndefined();
  });
});

describe('trackLinks', () => {
  it('replaces http(s) links but the kept ones, with the target unescaped', () => {
    const html =
      '<p><a href="https://help.example.com/import?a=1&amp;b=2">Import</a> ' +
      "<a class='x' href='http://example.com/x'>X</a> <a href=\"mailto:a@b.c\">Mail</a> " +
      '<a href="https://bindery.example.com/v1/unsubscribe?token=t">Unsubscribe</a></p>';
    const seen: string[] = [];
    const out = trackLinks(
      html,
      (url) => {
        seen.push(url);
        return `https://bindery.example.com/v1/c/${seen.length}`;
      },
      (url) => url.includes('/v1/unsubscribe'),
    );
    expect(seen).toEqual(['https://help.example.com/import?a=1&b=2', 'http://example.com/x']);
    expect(out).toBe(
      '<p><a href="https://bindery.example.com/v1/c/1">Import</a> ' +
        "<a class='x' href='https://bindery.example.com/v1/c/2'>X</a> <a href=\"mailto:a@b.c\">Mail</a> " +
        '<a href="https://bindery.example.com/v1/unsubscribe?token=t">Unsubscribe</a></p>',
    );
  });
});
