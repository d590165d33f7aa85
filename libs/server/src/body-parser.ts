import { gunzipSync } from 'node:zlib';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { InvalidInput, PayloadTooLarge, DomainError } from '@bindery/contracts';

const GZIP_MAGIC = [0x1f, 0x8b];
/** PostHog's `?compression=`: gzip is detected from the bytes, base64 form data is decoded by the PostHog routes. */
const SUPPORTED_COMPRESSION = ['gzip', 'gzip-js', 'base64'];

const isGzip = (body: Buffer): boolean => body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1];

/** Inflates a gzip body, bounded by `maxBytes` once decompressed. */
function gunzipBounded(body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw PayloadTooLarge(`Request body is larger than ${maxBytes} bytes once decompressed`);
    }
    throw InvalidInput('Request body is not valid gzip');
  }
}

/** The first byte that is not JSON white space. */
function firstSignificant(body: Buffer): number | undefined {
  for (const byte of body) if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return byte;
  return undefined;
}

/** The text fields of a form body (files are ignored): PostHog's `data=…`, RFC 8058's `List-Unsubscribe=One-Click`. */
async function formFields(body: Buffer, contentType: string): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw InvalidInput('Request body is not valid form data');
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === 'string') fields[name] = value;
  return fields;
}

/**
 * Decodes a request body by what it is, not only by its label: gzip by header or magic bytes; then JSON whenever
 * it looks like JSON (SDKs label JSON as text/plain, or even as a form); otherwise a form's text fields when it
 * is labelled as a form. Size bounded after decompression.
 */
export async function decodeBody(
  raw: Buffer,
  req: Pick<FastifyRequest, 'headers' | 'query'>,
  maxBytes: number,
): Promise<unknown> {
  if (raw.length === 0) return undefined;
  const compression = (req.query as Record<string, unknown> | undefined)?.compression;
  if (typeof compression === 'string' && !SUPPORTED_COMPRESSION.includes(compression)) {
    throw new DomainError(
      'unsupported_media_type',
      `Compression ${compression} is not supported; use gzip or base64`,
    );
  }
  const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
  const body = encoding.includes('gzip') || isGzip(raw) ? gunzipBounded(raw, maxBytes) : raw;
  const first = firstSignificant(body);
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  const isForm =
    contentType.startsWith('application/x-www-form-urlencoded') ||
    contentType.startsWith('multipart/form-data');
  if (isForm && first !== 0x7b && first !== 0x5b) {
    return formFields(body, String(req.headers['content-type']));
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw InvalidInput('Request body is not valid JSON');
  }
}

/** Replaces Fastify's parsers with one that accepts every content type through {@link decodeBody}. */
export function registerBodyParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser<Buffer>(
    '*',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (req: FastifyRequest, body: Buffer) => decodeBody(body, req, maxBytes),
  );
}
