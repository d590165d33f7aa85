import { gunzipSync } from 'node:zlib';
import { type FastifyInstance, type FastifyRequest } from 'fastify';
import { InvalidInput, PayloadTooLarge, DomainError } from '@bindery/contracts';

const GZIP_MAGIC = [0x1f, 0x8b];
/** PostHog's `?compression=`: gzip is detected from the bytes, base64 form data is decoded in {@link fromForm}. */
const SUPPORTED_COMPRESSION = ['gzip', 'gzip-js', 'base64'];

function isGzip(body: Buffer, encoding: string | undefined): boolean {
  return (
    encoding?.toLowerCase().includes('gzip') === true ||
    (body[0] === GZIP_MAGIC[0] && body[1] === GZIP_MAGIC[1])
  );
}

function gunzip(body: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw PayloadTooLarge(`Request body is larger than ${maxBytes} bytes once decompressed`);
    }
    throw InvalidInput('Request body is not valid gzip');
  }
}

/** Form bodies carry the JSON in a `data` field, as PostHog's browser library sends it, optionally base64. */
function fromForm(text: string): string {
  const data = new URLSearchParams(text).get('data');
  if (data === null) throw InvalidInput('Form body has no data field');
  const trimmed = data.trim();
  return trimmed.startsWith('{') || trimmed.startsWith('[')
    ? trimmed
    : Buffer.from(trimmed, 'base64').toString('utf8');
}

/** Decodes a request body: gzip by header or magic bytes, JSON or PostHog form data, size bounded after decompression. */
export function decodeBody(
  raw: Buffer,
  req: Pick<FastifyRequest, 'headers' | 'query'>,
  maxBytes: number,
): unknown {
  if (raw.length === 0) return undefined;
  const compression = (req.query as Record<string, unknown> | undefined)?.compression;
  if (typeof compression === 'string' && !SUPPORTED_COMPRESSION.includes(compression)) {
    throw new DomainError(
      'unsupported_media_type',
      `Compression ${compression} is not supported; use gzip or base64`,
    );
  }
  const encoding = req.headers['content-encoding'];
  const buffer = isGzip(raw, typeof encoding === 'string' ? encoding : undefined)
    ? gunzip(raw, maxBytes)
    : raw;
  let text = buffer.toString('utf8');
  if (
    String(req.headers['content-type'] ?? '')
      .toLowerCase()
      .startsWith('application/x-www-form-urlencoded')
  )
    text = fromForm(text);
  try {
    return JSON.parse(text);
  } catch {
    throw InvalidInput('Request body is not valid JSON');
  }
}

/** Replaces Fastify's parsers with one that accepts every content type through {@link decodeBody}. */
export function registerBodyParser(fastify: FastifyInstance, maxBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (req, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, req, maxBytes));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
