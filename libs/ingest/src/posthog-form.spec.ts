import { DomainError } from '@bindery/contracts';
import { fromPostHogForm } from './posthog-form';

const PAYLOAD = { api_key: 'wk_x', batch: [{ event: 'E', distinct_id: 'u', properties: { path: '/é' } }] };
const JSON_TEXT = JSON.stringify(PAYLOAD);
const BASE64 = Buffer.from(JSON_TEXT).toString('base64');

describe('fromPostHogForm', () => {
  it('reads the data field of base64 JSON, as posthog-js sends it by sendBeacon', () => {
    expect(fromPostHogForm({ data: BASE64, ver: '1.449.2' })).toEqual(PAYLOAD);
  });

  it("reads base64 whose '+' a client did not percent-encode", () => {
    const text = JSON.stringify({ event: '>>>', distinct_id: '???' });
    const base64 = Buffer.from(text).toString('base64');

    expect(base64).toContain('+');
    expect(fromPostHogForm({ data: base64.replace(/\+/g, ' ') })).toEqual(JSON.parse(text));
  });

  it('reads the data field of raw JSON, object or array', () => {
    expect(fromPostHogForm({ data: JSON_TEXT })).toEqual(PAYLOAD);
    expect(fromPostHogForm({ data: ' [{"event":"E"}] ' })).toEqual([{ event: 'E' }]);
  });

  it('leaves a JSON body as it is, even one with a data property', () => {
    expect(fromPostHogForm(PAYLOAD)).toBe(PAYLOAD);
    const event = { event: 'E', data: 'x' };
    expect(fromPostHogForm(event)).toBe(event);
  });

  it('refuses a data field that is neither JSON nor base64 of JSON with invalid_input', () => {
    let error: unknown;
    try {
      fromPostHogForm({ data: 'bm90IGpzb24=' });
    } catch (e) {
      error = e;
    }

    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('invalid_input');
    expect((error as DomainError).message).toBe('The form field data is not JSON, nor base64 of JSON');
  });
});
