import { clickToken } from './click-token';
import { openToken, readOpenToken, TRANSPARENT_GIF, withOpenPixel } from './open-pixel';

const KEY = 'k'.repeat(32);
const OPEN = { projectId: 'p1', outboxId: 'o1' };

describe('open tokens', () => {
  it('read back what they were made from', () => {
    expect(readOpenToken(openToken(OPEN, KEY), KEY)).toEqual(OPEN);
  });

  it('refuse another email under the same signature, another key, and a click token', () => {
    const [, signature] = openToken(OPEN, KEY).split('.');
    const forged = Buffer.from(JSON.stringify(['p1', 'o2'])).toString('base64url');
    expect(readOpenToken(`${forged}.${signature}`, KEY)).toBeUndefined();
    expect(readOpenToken(openToken(OPEN, KEY), 'other'.repeat(8))).toBeUndefined();
    expect(readOpenToken(clickToken({ ...OPEN, url: 'https://a.example' }, KEY), KEY)).toBeUndefined();
  });
});

describe('withOpenPixel', () => {
  it('puts the image before the last closing body tag, or at the end without one', () => {
    const img = '<img src="https://b.example/v1/open?token=t" width="1" height="1" alt=""';
    expect(withOpenPixel('<p>Hi</p>', 'https://b.example/v1/open?token=t')).toMatch(
      new RegExp(`^<p>Hi</p>${img.replace(/[?]/g, '\\?')}`),
    );
    const html = '<html><body><div><body>x</body></div></BODY></html>';
    const out = withOpenPixel(html, 'https://b.example/v1/open?token=t');
    expect(out.indexOf(img)).toBe(html.lastIndexOf('</BODY>'));
    expect(out.endsWith('</BODY></html>')).toBe(true);
  });

  it('answers a 1×1 GIF', () => {
    expect(TRANSPARENT_GIF.subarray(0, 6).toString('latin1')).toBe('GIF89a');
    expect([TRANSPARENT_GIF.readUInt16LE(6), TRANSPARENT_GIF.readUInt16LE(8)]).toEqual([1, 1]);
  });
});
