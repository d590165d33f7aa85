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

/** The DomainError that decoding throws. */
function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

const form = (data: string) => Buffer.from(`data=${encodeURIComponent(data)}`);
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('decodeBody', () => {
  it('parses JSON', () => {
    expect(decodeBody(Buffer.from(JSON_TEXT), request({ 'content-type': 'application/json' }), MAX)).toEqual(
      PAYLOAD,
    );
  });

  it('parses JSON whatever the content type says', () => {
    expect(decodeBody(Buffer.from(JSON_TEXT), request({ 'content-type': 'text/plain' }), MAX)).toEqual(
      PAYLOAD,
    );
    expect(decodeBody(Buffer.from('[1,2]'), request(), MAX)).toEqual([1, 2]);
  });

  it('is undefined for an empty body', () => {
    expect(decodeBody(Buffer.alloc(0), request({ 'content-type': 'application/json' }), MAX)).toBeUndefined();
  });

  it('gunzips a body sent with Content-Encoding: gzip', () => {
    const body = gzipSync(JSON_TEXT);

    expect(decodeBody(body, request({ 'content-encoding': 'gzip' }), MAX)).toEqual(PAYLOAD);
    expect(decodeBody(body, request({ 'content-encoding': 'GZIP' }), MAX)).toEqual(PAYLOAD);
  });

  it('gunzips a body recognised by its magic bytes, without header', () => {
    expect(decodeBody(gzipSync(JSON_TEXT), request({ 'content-type': 'text/plain' }), MAX)).toEqual(PAYLOAD);
  });

  it('gunzips with ?compression=gzip-js, as posthog-js sends it', () => {
    expect(decodeBody(gzipSync(JSON_TEXT), request({}, { compression: 'gzip-js' }), MAX)).toEqual(PAYLOAD);
    expect(decodeBody(gzipSync(JSON_TEXT), request({}, { compression: 'gzip' }), MAX)).toEqual(PAYLOAD);
  });

  it('accepts a body that decompresses to exactly the limit', () => {
    const text = JSON.stringify({ pad: 'x'.repeat(MAX - 10) });

    expect(text).toHaveLength(MAX);
    expect(decodeBody(gzipSync(text), request(), MAX)).toEqual({ pad: 'x'.repeat(MAX - 10) });
  });

  it('refuses a body that decompresses past the limit with payload_too_large', () => {
    const body = gzipSync(JSON.stringify({ pad: 'x'.repeat(MAX) }));

    expect(body.length).toBeLessThan(MAX);
    const error = domainError(() => decodeBody(body, request({ 'content-encoding': 'gzip' }), MAX));
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toBe(`Request body is larger than ${MAX} bytes once decompressed`);
  });

  it('refuses a body that is not gzip though it says so with invalid_input', () => {
    const error = domainError(() =>
      decodeBody(Buffer.from(JSON_TEXT), request({ 'content-encoding': 'gzip' }), MAX),
    );

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid gzip');
  });

  it('refuses a truncated gzip body with invalid_input', () => {
    const body = gzipSync(JSON_TEXT).subarray(0, 12);

    expect(domainError(() => decodeBody(body, request(), MAX)).code).toBe('invalid_input');
  });

  it('refuses malformed JSON with invalid_input', () => {
    const error = domainError(() => decodeBody(Buffer.from('{"batch": ['), request(), MAX));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid JSON');
  });

  it('reads a PostHog form body of base64 JSON', () => {
    const body = form(Buffer.from(JSON_TEXT).toString('base64'));

    expect(decodeBody(body, request(FORM), MAX)).toEqual(PAYLOAD);
  });

  it('reads a base64 form body sent with ?compression=base64, as posthog-js does', () => {
    const body = form(Buffer.from(JSON_TEXT).toString('base64'));

    expect(decodeBody(body, request(FORM, { compression: 'base64' }), MAX)).toEqual(PAYLOAD);
  });

  it('recognises the form content type whatever its case', () => {
    expect(
      decodeBody(form(JSON_TEXT), request({ 'content-type': 'Application/X-WWW-Form-Urlencoded' }), MAX),
    ).toEqual(PAYLOAD);
  });

  it('reads a PostHog form body of raw JSON, object or array', () => {
    expect(decodeBody(form(JSON_TEXT), request(FORM), MAX)).toEqual(PAYLOAD);
    expect(decodeBody(form(' [{"event":"E"}] '), request(FORM), MAX)).toEqual([{ event: 'E' }]);
  });

  it('reads a form body with a charset and other fields', () => {
    const body = Buffer.from(
      `ver=1.130.0&data=${encodeURIComponent(Buffer.from(JSON_TEXT).toString('base64'))}`,
    );

    expect(
      decodeBody(body, request({ 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }), MAX),
    ).toEqual(PAYLOAD);
  });

  it('reads a gzipped form body', () => {
    expect(decodeBody(gzipSync(form(JSON_TEXT)), request(FORM), MAX)).toEqual(PAYLOAD);
  });

  it('refuses a form body without data field with invalid_input', () => {
    const error = domainError(() => decodeBody(Buffer.from('ver=1'), request(FORM), MAX));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Form body has no data field');
  });

  it('refuses a form body whose data is not JSON with invalid_input', () => {
    const error = domainError(() => decodeBody(form('bm90IGpzb24='), request(FORM), MAX));

    expect(error.code).toBe('invalid_input');
    expect(error.message).toBe('Request body is not valid JSON');
  });

  it('refuses ?compression=lz64 with unsupported_media_type', () => {
    const error = domainError(() => decodeBody(form('ignored'), request(FORM, { compression: 'lz64' }), MAX));

    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toBe('Compression lz64 is not supported; use gzip or base64');
  });
});
