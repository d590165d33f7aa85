import { gzipSync } from 'node:zlib';
import { DomainError } from '@bindery/contracts';
import { decodeBody } from './body-parser';

const MAX = 10_000;
const PAYLOAD = { api_key: 'wk_x', batch: [{ event: 'E', distinct_id: 'u', properties: { path: '/é' } }] };
const JSON_TEXT = JSON.stringify(PAYLOAD);

/** The request as decodeBody reads it: plain header and query data. */
function request(headers: Record<string, string> = {}, query: Record<string, string> = {}) {
  return { headers, query };
}

/** The DomainError that decoding rejects with. */
async function domainError(run: () => Promise<unknown>): Promise<DomainError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

const form = (data: string) => Buffer.from(`data=${encodeURIComponent(data)}`);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('decodeBody', () => {
  it('parses JSON', async () => {
    expect(
      await decodeBody(Buffer.from(JSON_TEXT), request({ 'content-type': 'application/json' }), MAX),
    ).toEqual(PAYLOAD);
  });

  it('parses JSON whatever the content type says, a form label included', async () => {
    expect(await decodeBody(Buffer.from(JSON_TEXT), request({ 'content-type': 'text/plain' }), MAX)).toEqual(
      PAYLOAD,
    );
    expect(await decodeBody(Buffer.from('[1,2]'), request(), MAX)).toEqual([1, 2]);
    expect(await decodeBody(Buffer.from(` ${JSON_TEXT}`), request(FORM), MAX)).toEqual(PAYLOAD);
  });

  it('parses gzipped JSON labelled as a form, as @rudderstack/rudder-sdk-node sends it', async () => {
    const headers = { ...FORM, 'content-encoding': 'gzip' };

    expect(await decodeBody(gzipSync(JSON_TEXT), request(headers), MAX)).toEqual(PAYLOAD);
  });

  it('is undefined for an empty body', async () => {
    expect(
      await decodeBody(Buffer.alloc(0), request({ 'content-type': 'application/json' }), MAX),
    ).toBeUndefined();
  });

  it('gunzips a body sent with Content-Encoding: gzip', async () => {
    const body = gzipSync(JSON_TEXT);

    expect(await decodeBody(body, request({ 'content-encoding': 'gzip' }), MAX)).toEqual(PAYLOAD);
    expect(await decodeBody(body, request({ 'content-encoding': 'GZIP' }), MAX)).toEqual(PAYLOAD);
  });

  it('gunzips a body recognised by its magic bytes, without header', async () => {
    expect(await decodeBody(gzipSync(JSON_TEXT), request({ 'content-type': 'text/plain' }), MAX)).toEqual(
      PAYLOAD,
    );
  });

  it('gunzips with ?compression=gzip-js, as posthog-js sends it', async () => {
    expect(await decodeBody(gzipSync(JSON_TEXT), request({}, { compression: 'gzip-js' }), MAX)).toEqual(
      PAYLOAD,
    );
    expect(await decodeBody(gzipSync(JSON_TEXT), request({}, { compression: 'gzip' }), MAX)).toEqual(PAYLOAD);
  });

  it('accepts a body that decompresses to exactly the limit', async () => {
    const text = JSON.stringify({ pad: 'x'.repeat(MAX - 10) });

    expect(text).toHaveLength(MAX);
    expect(await decodeBody(gzipSync(text), request(), MAX)).toEqual({ pad: 'x'.repeat(MAX - 10) });
  });

  it('refuses a body that decompresses past the limit with payload_too_large', async () => {
    const body = gzipSync(JSON.stringify({ pad: 'x'.repeat(MAX) }));

    expect(body.length).toBeLessThan(MAX);
    const error = await domainError(() => decodeBody(body, request({ 'content-encoding': 'gzip' }), MAX));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe(`Request body is larger than ${MAX} bytes once decompressed`);
  });

  it('refuses a body that is not gzip though it says so with invalid_input', async () => {
    const error = await domainError(() =>
      decodeBody(Buffer.from(JSON_TEXT), request({ 'content-encoding': 'gzip' }), MAX),
    );

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid gzip');
  });

  it('refuses a truncated gzip body with invalid_input', async () => {
    const body = gzipSync(JSON_TEXT).subarray(0, 12);

    expect((await domainError(() => decodeBody(body, request(), MAX))).code).toBe('invalid_input');
  });

  it('refuses malformed JSON with invalid_input', async () => {
    const error = await domainError(() => decodeBody(Buffer.from('{"batch": ['), request(), MAX));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid JSON');
  });

  it('gives a form body as its fields, whatever the case of its content type', async () => {
    const body = Buffer.from(`ver=1.130.0&data=${encodeURIComponent('a+b/c=')}`);

    expect(await decodeBody(body, request(FORM), MAX)).toEqual({ ver: '1.130.0', data: 'a+b/c=' });
    expect(
      await decodeBody(
        body,
        request({ 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8' }),
        MAX,
      ),
    ).toEqual({ ver: '1.130.0', data: 'a+b/c=' });
  });

  it('reads a gzipped form body', async () => {
    expect(await decodeBody(gzipSync(form('abc')), request(FORM), MAX)).toEqual({ data: 'abc' });
  });

  it('gives the text fields of a multipart form, as mailbox providers send RFC 8058 one-click', async () => {
    const boundary = '----bindery-test';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    );
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };

    expect(await decodeBody(body, request(headers), MAX)).toEqual({ 'List-Unsubscribe': 'One-Click' });
  });

  it('refuses a multipart body without its boundary with invalid_input', async () => {
    const error = await domainError(() =>
      decodeBody(Buffer.from('x'), request({ 'content-type': 'multipart/form-data' }), MAX),
    );

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid form data');
  });

  it('refuses ?compression=lz64 with unsupported_media_type', async () => {
    const error = await domainError(() =>
      decodeBody(form('ignored'), request(FORM, { compression: 'lz64' }), MAX),
    );

    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toBe('Compression lz64 is not supported; use gzip or base64');
  });
});
