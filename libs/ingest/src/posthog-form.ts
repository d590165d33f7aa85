import { InvalidInput } from '@bindery/contracts';

/** A JSON object (not an array, not null). */
export const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * posthog-js sends some bodies as a form whose `data` field holds the JSON, plain or base64 (sendBeacon,
 * `?compression=base64`, the flags call); the body parser gives such a form as its fields.
 */
export function fromPostHogForm(body: unknown): unknown {
  if (!isObject(body) || typeof body.data !== 'string' || 'event' in body || 'batch' in body) return body;
  const data = body.data.trim();
  // A client that did not percent-encode its base64 has had its '+' read as spaces.
  const text =
    data.startsWith('{') || data.startsWith('[')
      ? data
      : Buffer.from(data.replace(/ /g, '+'), 'base64').toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw InvalidInput('The form field data is not JSON, nor base64 of JSON');
  }
}
