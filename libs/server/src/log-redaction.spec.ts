import { redactRequest, redactUrl } from './log-redaction';

describe('log redaction', () => {
  it('hides the value of a token in a URL, wherever it stands', () => {
    expect(redactUrl('/v1/unsubscribe?token=abc.def')).toBe('/v1/unsubscribe?token=[Redacted]');
    expect(redactUrl('/x?a=1&TOKEN=abc&b=2')).toBe('/x?a=1&TOKEN=[Redacted]&b=2');
    expect(redactUrl('/v1/batch?writeKey=wk_1')).toBe('/v1/batch?writeKey=wk_1');
  });

  it('hides it in the serialized request, query included, and leaves the rest', () => {
    const req = { method: 'GET', url: '/v1/unsubscribe?token=abc', query: { token: 'abc', x: '1' } };

    expect(redactRequest(req)).toEqual({
      method: 'GET',
      url: '/v1/unsubscribe?token=[Redacted]',
      query: { token: '[Redacted]', x: '1' },
    });
    expect(req.url).toBe('/v1/unsubscribe?token=abc');
  });
});
